// The tests' way into Bezwaar's closed shadow roots. Page scripts cannot reach them (that is what the tests prove
// elsewhere); a test can, through the browser's own automation protocol, which sees every shadow root: Chromium's
// DevTools protocol (DOM.describeNode with pierce) and, in Firefox, WebDriver BiDi's serialisation with
// includeShadowTree "all". Nothing here runs as, or is reachable by, the page. The driver is read from the page, so
// the demo (tools/demo.mjs) uses this without the test harness.

async function inChromium(page, host, fn, arg, index) {
  const cdp = await page.raw.context().newCDPSession(page.raw);
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelectorAll(${JSON.stringify(host)})[${index}]` });
    if (!result.objectId) return undefined;
    const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return undefined;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const answer = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn.toString(),
      arguments: [{ objectId: object.objectId }, { value: arg ?? null }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
    return answer.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function inFirefox(page, host, fn, arg, index) {
  const connection = page.raw.browser().connection;
  const target = { context: page.raw.mainFrame()._id };
  const { result } = await connection.send('script.evaluate', {
    expression: `document.querySelectorAll(${JSON.stringify(host)})[${index}]`,
    target,
    awaitPromise: false,
    resultOwnership: 'root',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  // The connection answers with the whole BiDi message: the evaluation's outcome is under `result`.
  const shadow = result?.result?.value?.shadowRoot;
  if (!shadow?.sharedId) return undefined;
  const answer = await connection.send('script.callFunction', {
    functionDeclaration: `async (root, argJson) => JSON.stringify(await (${fn.toString()})(root, JSON.parse(argJson)) ?? null)`,
    target,
    awaitPromise: true,
    arguments: [{ sharedId: shadow.sharedId }, { type: 'string', value: JSON.stringify(arg ?? null) }],
    resultOwnership: 'none',
  });
  const outcome = answer.result;
  if (outcome?.type === 'exception') throw new Error(outcome.exceptionDetails?.text ?? 'exception');
  return JSON.parse(outcome.result.value);
}

/**
 * Runs `fn(root, arg)` on the (closed) shadow root of the element matching `host` (the first, or the `index`th), in
 * the page, and returns its JSON-able result; undefined when there is no such host or it has no shadow root.
 */
export function inClosedRoot(page, host, fn, arg, index = 0) {
  return page.driver === 'puppeteer' ? inFirefox(page, host, fn, arg, index) : inChromium(page, host, fn, arg, index);
}

/** Clicks the element `inner` of `host`'s closed shadow root with the mouse, as a person would (a trusted click):
 * the pointer comes to rest on it and clicks `dwellMs` later (a person looks before pressing, and Bezwaar takes a
 * pointer press only on a button that has been in plain sight for a moment). */
export async function clickInClosedRoot(page, host, inner, { dwellMs = 700 } = {}) {
  const point = await inClosedRoot(page, host, (root, selector) => {
    const element = root.querySelector(selector);
    if (!element) return null;
    element.scrollIntoView({ block: 'center' });
    const r = element.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, inner);
  if (!point) throw new Error(`${host} ${inner} is not on the page`);
  await page.raw.mouse.move(point.x, point.y);
  await new Promise((resolve) => setTimeout(resolve, dwellMs));
  await page.raw.mouse.click(point.x, point.y);
}

/** Focuses `inner` inside `host`'s closed root (focus is no action), for keyboard tests. */
export async function focusInClosedRoot(page, host, inner) {
  const focused = await inClosedRoot(page, host, (root, selector) => {
    const element = root.querySelector(selector);
    element?.focus();
    return Boolean(element) && root.activeElement === element;
  }, inner);
  if (!focused) throw new Error(`${host} ${inner} could not be focused`);
}

/** For each element matching `selector`, in document order: whether it has a shadow root, open or closed. */
export async function hasShadowRoots(page, selector) {
  if (page.driver === 'puppeteer') {
    const connection = page.raw.browser().connection;
    const { result } = await connection.send('script.evaluate', {
      expression: `[...document.querySelectorAll(${JSON.stringify(selector)})]`,
      target: { context: page.raw.mainFrame()._id },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    });
    return (result?.result?.value ?? []).map((node) => Boolean(node.value?.shadowRoot));
  }
  const count = await page.evaluate((s) => document.querySelectorAll(s).length, selector);
  const cdp = await page.raw.context().newCDPSession(page.raw);
  try {
    const found = [];
    for (let i = 0; i < count; i += 1) {
      const { result } = await cdp.send('Runtime.evaluate', {
        expression: `document.querySelectorAll(${JSON.stringify(selector)})[${i}]`,
      });
      const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, depth: 0, pierce: true });
      found.push((node.shadowRoots?.length ?? 0) > 0);
    }
    return found;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
