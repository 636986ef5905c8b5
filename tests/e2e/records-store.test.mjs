// The background's queue of record changes, against a storage area that answers after a delay, as the browser's
// does: without the queue, two changes that start together both read the empty list and the second write drops
// the first record. Runs in node (no browser): the end-to-end tests show the same through two real tabs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialisedKey } from '../../extension/records-store.js';

function slowArea({ failWrites = false } = {}) {
  const data = {};
  const later = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));
  return {
    data,
    get: async (key) => later({ [key]: structuredClone(data[key]) }),
    set: async (items) => {
      await later();
      if (failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      Object.assign(data, structuredClone(items));
    },
  };
}

const append = (id) => (stored) => [...(stored ?? []), id];

test('changes started together are applied one after the other: nothing is lost', async () => {
  const area = slowArea();
  const change = serialisedKey(area, 'records');
  const answers = await Promise.all(['a', 'b', 'c', 'd'].map((id) => change(append(id))));
  assert.deepEqual(answers, Array(4).fill({ saved: true }));
  assert.deepEqual(area.data.records, ['a', 'b', 'c', 'd']);
});

test('the same changes without the queue lose records (what the queue is for)', async () => {
  const area = slowArea();
  await Promise.all(['a', 'b'].map(async (id) => {
    const stored = (await area.get('records')).records;
    await area.set({ records: append(id)(stored) });
  }));
  assert.equal(area.data.records.length, 1);
});

test('a change that cannot be made, or a write the browser refuses, is answered with why; later changes still run', async () => {
  const area = slowArea();
  const change = serialisedKey(area, 'records');
  const refused = change(() => { throw new Error('the stored objections cannot be read'); });
  const next = change(append('x'));
  assert.deepEqual(await refused, { saved: false, error: 'the stored objections cannot be read' });
  assert.deepEqual(await next, { saved: true });
  const full = serialisedKey(slowArea({ failWrites: true }), 'records');
  assert.deepEqual(await full(append('y')), { saved: false, error: 'QUOTA_BYTES quota exceeded' });
});
