// Bezwaar's badge without the reading: what showing Bezwaar's badge costs a feed by itself, kept here to split
// Bezwaar's added time into the badge and the reading. Each new post gets the badge Bezwaar writes into a block
// container (the bench feed's posts are ones): the host with Bezwaar's inline layout, an open shadow root adopting
// Bezwaar's stylesheet (both taken from src/dom/badge.rs when bench/run.mjs builds this extension, as the global
// BEZWAAR_BADGE), a button and its explanation. Like Bezwaar, it writes one frame after the post came, into a post
// the browser has rendered. Nothing in the post is read: every badge says "public".
(() => {
  const POST = '[role="article"][aria-posinset]';
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(BEZWAAR_BADGE.style);
  const hostTemplate = document.createElement('bezwaar-badge');
  hostTemplate.setAttribute('data-bench-badge', 'badge-only');
  hostTemplate.setAttribute('data-bezwaar-visibility', 'public');
  hostTemplate.setAttribute('data-bezwaar-scope', 'post');
  hostTemplate.setAttribute('data-bezwaar-theme', 'light');
  hostTemplate.style.cssText = `display: block !important; ${BEZWAAR_BADGE.hostLayout} position: relative !important; `
    + 'top: auto !important; left: auto !important; right: auto !important; width: auto !important;';
  const ui = document.createDocumentFragment();
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'public';
  button.setAttribute('aria-label', 'Public: Meta may use this post to train its AI');
  button.setAttribute('aria-describedby', 'tip');
  button.textContent = 'Public · AI';
  const tip = document.createElement('span');
  tip.className = 'tip';
  tip.id = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.textContent = 'Anyone can see this, so Meta counts it as public information it may use to train AI at Meta, unless you object. ';
  const link = document.createElement('a');
  link.href = 'https://www.facebook.com/help/contact/712876720715583';
  link.textContent = 'Object to AI training';
  tip.append(link);
  ui.append(button, tip);
  const keepClicksInside = (event) => event.stopPropagation();

  function badge(post) {
    const host = hostTemplate.cloneNode();
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    root.append(ui.cloneNode(true));
    host.addEventListener('click', keepClicksInside);
    post.prepend(host);
  }

  let queued = [];
  const write = () => {
    const posts = queued;
    queued = [];
    for (const post of posts) if (post.isConnected) badge(post);
  };
  // Bezwaar reads a post right after the frame that first rendered it and writes at the start of the next frame.
  const queue = (post) => {
    if (queued.push(post) === 1) requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(write), 0));
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE || node.localName === 'bezwaar-badge') continue;
        if (node.matches(POST)) queue(node);
        else for (const post of node.querySelectorAll(POST)) queue(post);
      }
    }
  });
  for (const post of document.querySelectorAll(POST)) queue(post);
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
