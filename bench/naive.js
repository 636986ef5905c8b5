// The naive script: what popular feed-modifying extensions do. On every mutation callback it rescans the whole
// document with querySelectorAll, marks each post it has not seen with an attribute, reads the post's audience
// label and prepends a badge. It does not tell its own insertions from the page's, so each batch it badges
// triggers one more full rescan.
(() => {
  function scan() {
    for (const post of document.querySelectorAll('[role="article"][aria-posinset]:not([data-naive-badged])')) {
      post.setAttribute('data-naive-badged', '');
      const label = post.querySelector('svg[title]')?.getAttribute('title') ?? '';
      const element = document.createElement('span');
      element.setAttribute('data-bench-badge', 'naive');
      element.textContent = /public/i.test(label) ? 'Public' : 'Not public';
      post.prepend(element);
    }
  }
  scan();
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
})();
