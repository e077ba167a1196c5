import { groupByTopic, type OutgoingRecord } from './event.producer';

const rec = (topic: string, key: string, value: string): OutgoingRecord => ({
  topic,
  key,
  value,
  headers: { 'x-value': value },
});

describe('groupByTopic', () => {
  it('returns nothing for no records', () => {
    expect(groupByTopic([])).toEqual([]);
  });

  it('groups per topic in order of first appearance and keeps each record’s relative order', () => {
    const records = [
      rec('a', 'k1', 'a1'),
      rec('b', 'k1', 'b1'),
      rec('a', 'k2', 'a2'),
      rec('c', 'k1', 'c1'),
      rec('a', 'k1', 'a3'),
      rec('b', 'k2', 'b2'),
    ];
    const grouped = groupByTopic(records);
    expect(grouped.map((t) => t.topic)).toEqual(['a', 'b', 'c']);
    expect(grouped.map((t) => t.messages.map((m) => m.value))).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
      ['c1'],
    ]);
  });

  it('keeps per-key order within a topic for many interleaved keys', () => {
    const records: OutgoingRecord[] = [];
    for (let i = 0; i < 100; i++) records.push(rec('t', `k${i % 7}`, String(i)));
    const [only] = groupByTopic(records);
    for (let k = 0; k < 7; k++) {
      const values = only.messages.filter((m) => m.key === `k${k}`).map((m) => Number(m.value));
      expect(values).toEqual([...values].sort((x, y) => x - y));
      expect(values).toHaveLength(k < 2 ? 15 : 14);
    }
  });

  it('carries key, value (string or bytes) and headers unchanged, without the topic', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const [grouped] = groupByTopic([{ topic: 't', key: 'k', value: bytes, headers: { h: 'v' } }]);
    expect(grouped.messages).toEqual([{ key: 'k', value: bytes, headers: { h: 'v' } }]);
    expect(grouped.messages[0].value).toBe(bytes);
  });
});
