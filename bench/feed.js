// The feed page's own script (the page, not an extension): builds Facebook-like posts from the public facts in
// meta-facts.md (FeedUnit_ pagelet > role=article with aria-posinset/aria-labelledby, a header with the author's
// profile link, a timestamp link and the audience icon, [data-ad-preview=message] text, an attachment, a reaction
// bar and two comments that are nested role=article) and appends them as infinite scroll does: a batch per
// animation frame, each post inserted as one finished subtree, the way React commits. Content is deterministic,
// so every run of every configuration sees the same page. Controlled by bench/run.mjs through `window.benchFeed`.
(() => {
  const feed = document.querySelector('[role="feed"]');
  const SVG = 'http://www.w3.org/2000/svg';
  const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
  const NAMES = ['Ana Souza', 'Ben Okafor', 'Cleo Martin', 'Dries Peeters', 'Eva Nowak', 'Farid Haddad', 'Greta Lind',
    'Hugo Moreau', 'Ines Ferreira', 'Jonas Weber', 'Kasia Zielińska', 'Luca Bianchi', 'Maren Holm', 'Noor de Vries'];
  const TEXTS = [
    'Finally finished the garden shed. Took three weekends and one very patient neighbour.',
    'Anyone know a good bakery near the station? Asking for a friend (the friend is me).',
    'Throwback to last summer on the coast. Can\'t wait to go back!',
    'Our choir sings on Sunday at four, entrance free, cake afterwards.',
    'Reading group this month: we picked the long one again. Wish us luck.',
    'Lost: grey cat, answers to Mos, last seen near the park. Please share.',
    'Ten years at the company today. Thank you all for the good times and the bad coffee.',
  ];
  const COMMENTS = ['Congratulations!', 'Love this 😍', 'Where is this?', 'So happy for you', 'Haha, classic', 'Count me in'];
  // Mostly public, as people's feeds are; a friends-only post every third one.
  const audienceOf = (n) => (n % 3 === 2 ? 'Shared with Friends' : 'Shared with Public');
  const AUDIENCE_PATH = {
    'Shared with Public': 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zm5.9 7H11a12 12 0 0 0-1.2-5A6 6 0 0 1 13.9 7z',
    'Shared with Friends': 'M5 4a3 3 0 1 1 6 0 3 3 0 0 1-6 0zm-3 10a6 6 0 0 1 12 0v1H2z',
  };

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) element.setAttribute(name, value);
    for (const child of children) element.append(child);
    return element;
  }
  function s(tag, attributes, ...children) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes ?? {})) element.setAttribute(name, value);
    for (const child of children) element.append(child);
    return element;
  }
  // Facebook draws many icons as CSS sprites on <i> elements; comment avatars and the menu icon are drawn so here
  // (each inline <svg> costs Chromium a paint layer: five per post would make the page alone slow the benchmark).
  const sprite = (x, y, size) => h('i', { 'data-visualcompletion': 'css-img', class: 'x1b0d499',
    style: `width: ${size}px; height: ${size}px; background-position: -${x}px -${y}px` });
  const avatar = (href, name, size) =>
    h('a', { href, 'aria-label': name, role: 'link', tabindex: '0', class: 'x1rg5ohu x1i10hfl' },
      s('svg', { 'aria-hidden': 'true', role: 'img', viewBox: '0 0 40 40', width: size, height: size },
        s('circle', { cx: '20', cy: '20', r: '20', fill: '#c7cdd6' })));

  // The children the page itself gives posts and comments: anything else in them was put there by an extension.
  const ownChildren = new WeakSet();
  const owning = (element) => {
    for (const child of element.children) ownChildren.add(child);
    return element;
  };
  const foreignChildren = (element) => [...element.children].filter((child) => !ownChildren.has(child));

  function comment(n, k) {
    const name = NAMES[(n * 7 + k * 3) % NAMES.length];
    const profile = `https://www.facebook.com/${name.toLowerCase().replace(/\W+/g, '.')}`;
    return h('li', null,
      owning(h('div', { role: 'article', 'aria-label': `Comment by ${name} ${k + 1} hours ago`, tabindex: '-1', class: 'x1y1aw1k' },
        h('a', { href: profile, 'aria-label': name, role: 'link', tabindex: '0', class: 'x1rg5ohu x1i10hfl' }, sprite((n + k) % 8 * 32, 0, 32)),
        h('div', null,
          h('div', { class: 'xmjcpbm' },
            h('a', { href: profile, role: 'link' }, name),
            h('div', { dir: 'auto' }, COMMENTS[(n + k) % COMMENTS.length])),
          h('ul', { class: 'x1sibtaa' },
            h('li', null, h('a', { href: `https://www.facebook.com/story.php?story_fbid=${n}&comment_id=${n}${k}`, role: 'link' },
              h('span', null, `${k + 1}h`))))))));
  }

  /** One post: about 60 elements. */
  function post(n) {
    const name = NAMES[n % NAMES.length];
    const slug = name.toLowerCase().replace(/\W+/g, '.');
    const profile = `https://www.facebook.com/${slug}`;
    const audience = audienceOf(n);
    const headingId = `:r${n.toString(36)}:`;
    const reactions = 3 + ((n * 37) % 180);
    const icon = s('svg', { viewBox: '0 0 16 16', width: '12', height: '12', title: audience, role: 'img', class: 'x1xmf6yo' },
      s('title', null, audience), s('g', { 'fill-rule': 'evenodd' }, s('path', { d: AUDIENCE_PATH[audience] })));
    const article = owning(h('div', { role: 'article', 'aria-posinset': String(n), 'aria-setsize': '-1', 'aria-labelledby': headingId, class: 'x1ja2u2z' },
      h('div', { class: 'xqcrz7y' },
        avatar(profile, name, '40'),
        h('div', { class: 'x1qughib' },
          h('h4', { id: headingId }, h('span', null, h('a', { href: profile, role: 'link' }, h('strong', null, name)))),
          h('div', { class: 'x4k7w5x' },
            h('span', null, h('a', { href: `${profile}/posts/pfbid0${(n * 7919).toString(36)}`, role: 'link', 'aria-label': `${1 + (n % 23)} h` },
              h('span', null, `${1 + (n % 23)} h`))),
            h('span', { 'aria-hidden': 'true' }, ' · '),
            h('span', null, icon))),
        h('div', { class: 'xsgj6o6' },
          h('div', { role: 'button', 'aria-label': 'Actions for this post', 'aria-haspopup': 'menu', tabindex: '0' },
            sprite(0, 40, 20)))),
      h('div', { 'data-ad-preview': 'message', 'data-ad-comet-preview': 'message', class: 'x1iorvi4' },
        h('div', { dir: 'auto' }, TEXTS[n % TEXTS.length]),
        h('div', { dir: 'auto' }, TEXTS[(n * 5 + 1) % TEXTS.length])),
      h('a', { href: `https://www.facebook.com/photo/?fbid=${n * 104729}`, role: 'link', class: 'x1lq5wgf' },
        h('img', { src: PIXEL, alt: `May be an image of ${name}`, width: '600', height: '338' })),
      h('div', { class: 'x1e56ztr' },
        h('span', { role: 'toolbar', 'aria-label': 'See who reacted to this', class: 'x1n0sxbx' },
          h('div', { role: 'button', 'aria-label': `Like: ${reactions} people`, tabindex: '0' }, h('img', { src: PIXEL, alt: '' })),
          h('span', null, String(reactions))),
        h('div', { role: 'button', tabindex: '0' }, `${n % 9} comments`)),
      h('div', { class: 'x1c4vz4f' },
        h('div', { role: 'button', 'aria-label': 'Like', tabindex: '0' }, h('span', null, 'Like')),
        h('div', { role: 'button', 'aria-label': 'Leave a comment', tabindex: '0' }, h('span', null, 'Comment')),
        h('div', { role: 'button', 'aria-label': 'Send this to friends or post it on your profile.', tabindex: '0' }, h('span', null, 'Share'))),
      h('ul', { class: 'x2lah0s' }, comment(n, 0), comment(n, 1))));
    return h('div', { 'data-pagelet': `FeedUnit_${n - 1}` }, h('div', { class: 'x1yztbdb' }, article));
  }

  let next = 1;
  // The feed's posts, as the page's own framework would hold them; dropped on removal.
  let articles = [];
  function appendPosts(count) {
    for (let i = 0; i < count; i += 1) {
      const unit = post(next);
      next += 1;
      articles.push(unit.querySelector('[aria-posinset]'));
      feed.appendChild(unit);
    }
  }
  // An extension's badge, whatever it is, is an element it puts in the post.
  const isBadged = (article) => foreignChildren(article).length > 0;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * A frame longer than one 60 Hz period (16.7 ms) is one the browser could not draw on time; counted above 20 ms,
   * clear of the timestamps' jitter (frames come on the display's beat, so a late one is at least 33 ms).
   */
  const LONG_FRAME_MS = 20;
  /** Records animation-frame timestamps until the returned function is called, and returns the frame figures. */
  function frameClock() {
    const stamps = [];
    let running = true;
    const tick = (time) => {
      stamps.push(time);
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return () => {
      running = false;
      const intervals = stamps.slice(1).map((time, i) => time - stamps[i]);
      const long = intervals.filter((ms) => ms > LONG_FRAME_MS);
      return { frames: intervals.length, longFrames: long.length, longestFrameMs: Math.max(0, ...intervals) };
    };
  }

  async function settle(quietMs) {
    await frame();
    await frame();
    await sleep(quietMs);
  }

  // The first posts come with the page, as Facebook renders them on the server.
  appendPosts(10);

  window.benchFeed = {
    initial: 10,
    /** The first post is badged: the extension under test has started. */
    firstBadged: () => isBadged(articles[0]),
    /**
     * Appends `posts` posts, `batch` per animation frame, scrolled to the end before each batch as a reader at the
     * bottom of the feed is. Resolves once the last post is badged (when `badges`) and the page has been quiet for
     * `quietMs`.
     */
    async append({ posts, batch, badges, quietMs, timeoutMs }) {
      const started = performance.now();
      const frames = frameClock();
      let batches = 0;
      while (batches * batch < posts) {
        await frame();
        document.scrollingElement.scrollTop = 1e9;
        appendPosts(Math.min(batch, posts - batches * batch));
        batches += 1;
      }
      const appendedMs = performance.now() - started;
      const last = articles[articles.length - 1];
      while (badges && !isBadged(last)) {
        if (performance.now() - started > timeoutMs) throw new Error(`post ${next - 1} still has no badge after ${timeoutMs} ms`);
        await sleep(25);
      }
      const badgedMs = performance.now() - started;
      const frameFigures = frames();
      await settle(quietMs);
      return { batches, appendedMs, badgedMs, ...frameFigures };
    },
    /**
     * A person scrolls down the feed at `pxPerSecond` from the top, one step per animation frame, until they reach
     * the end of post `posts`. The feed grows ahead of them as infinite scroll does: whenever its end comes within
     * `aheadPx` below the bottom of the screen, the page appends the next `batch` posts in one frame. Resolves once
     * the last post is badged (when `badges`) and the page has been quiet for `quietMs`.
     */
    async scroll({ posts, pxPerSecond, batch, aheadPx, badges, quietMs, timeoutMs }) {
      const scroller = document.scrollingElement;
      scroller.scrollTop = 0;
      await frame();
      const started = performance.now();
      const frames = frameClock();
      let appended = next - 1;
      for (;;) {
        const now = await new Promise((resolve) => requestAnimationFrame(resolve));
        if (now - started > timeoutMs) throw new Error(`the scroll did not reach post ${posts} in ${timeoutMs} ms`);
        const end = scroller.scrollHeight - scroller.clientHeight;
        const grows = appended < posts && end - scroller.scrollTop < aheadPx;
        if (grows) {
          const count = Math.min(batch, posts - appended);
          appendPosts(count);
          appended += count;
        }
        const target = ((now - started) * pxPerSecond) / 1000;
        scroller.scrollTop = Math.min(target, end);
        // `end` is the feed's end before this frame's posts: the last post is reached only in a frame that added none.
        if (!grows && appended >= posts && target >= end) break;
      }
      const scrolledMs = performance.now() - started;
      const last = articles[articles.length - 1];
      while (badges && !isBadged(last)) {
        if (performance.now() - started > timeoutMs) throw new Error(`post ${next - 1} still has no badge after ${timeoutMs} ms`);
        await sleep(25);
      }
      const frameFigures = frames();
      await settle(quietMs);
      return { posts: articles.length, scrolledMs, ...frameFigures };
    },
    /** What each post shows: the badge elements directly in it, and the audience the page gave it. */
    census() {
      let commentBadges = 0;
      const posts = articles.map((article) => {
        for (const nested of article.querySelectorAll('[role="article"]')) commentBadges += foreignChildren(nested).length;
        const badges = foreignChildren(article);
        return {
          audience: article.querySelector('svg > title').textContent,
          badges: badges.length,
          // Whose badge: the bench scripts name themselves; Bezwaar's is its own element.
          kind: badges[0] ? badges[0].getAttribute('data-bench-badge') ?? badges[0].localName : null,
          visibility: badges[0]?.getAttribute('data-bezwaar-visibility') ?? null,
        };
      });
      return { posts, commentBadges };
    },
    /** Takes every post out of the feed at once, as a navigation away does. */
    async removeAll({ quietMs }) {
      feed.replaceChildren();
      articles = [];
      await settle(quietMs);
    },
  };
})();
