// The floor: the least any extension that badges posts must do, kept here to measure Bezwaar against. One
// MutationObserver; each added element that is a post, or holds posts, gets one plain badge element; nothing in
// the post is read and nothing is batched or deferred. Its own insertions are taken back out of the observer's
// queue so they never come back as work.
(() => {
  const POST = '[role="article"][aria-posinset]';
  function badge(post) {
    const element = document.createElement('span');
    element.setAttribute('data-bench-badge', 'floor');
    element.textContent = 'Audience';
    post.prepend(element);
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches(POST)) badge(node);
        else for (const post of node.querySelectorAll(POST)) badge(post);
      }
    }
    observer.takeRecords();
  });
  for (const post of document.querySelectorAll(POST)) badge(post);
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
