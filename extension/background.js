const api = globalThis.browser ?? globalThis.chrome;
globalThis.spike = [];
api.runtime.onMessage.addListener((m, s) => { globalThis.spike.push({ m, url: s.url }); });
