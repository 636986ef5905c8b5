// Every change to the stored objection records, one after the other. Two tabs sending records at once, or a tab
// and the options page, would otherwise each read the same list and the later write would drop the other's record.
// A change is a function from what storage holds to what it should hold; it throws (and nothing is written) when
// it cannot be made. Each change answers {saved: true} or {saved: false, error}.

/** A queue of changes to one storage key of `area` (an object with async get(key) and set(items)). */
export function serialisedKey(area, key) {
  let last = Promise.resolve();
  return function change(apply) {
    const run = last.then(async () => {
      const stored = (await area.get(key))[key] ?? null;
      let updated;
      try {
        updated = await apply(stored);
      } catch (error) {
        return { saved: false, error: String(error?.message ?? error) };
      }
      try {
        await area.set({ [key]: updated });
        return { saved: true };
      } catch (error) {
        // The quota is full, or storage refused the write: the caller reports it, nothing is silently dropped.
        return { saved: false, error: String(error?.message ?? error) };
      }
    });
    last = run.catch(() => undefined);
    return run;
  };
}
