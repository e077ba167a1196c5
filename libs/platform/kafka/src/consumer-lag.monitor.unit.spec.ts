import { topicLag } from './consumer-lag.monitor';

describe('topicLag', () => {
  const offsets = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '5', high: '8' },
    { partition: 2, low: '0', high: '0' },
  ];

  it('Given committed offsets, When lag is computed, Then it is the sum of high watermark minus committed', () => {
    expect(
      topicLag(offsets, [
        { partition: 0, offset: '7' },
        { partition: 1, offset: '8' },
        { partition: 2, offset: '0' },
      ]),
    ).toBe(3);
  });

  it('Given partitions the group never committed on, When lag is computed, Then they count from the earliest retained offset', () => {
    expect(
      topicLag(offsets, [
        { partition: 0, offset: '-1' },
        { partition: 2, offset: '-1' },
      ]),
    ).toBe(10 + 3);
  });

  it('Given a committed offset past the high watermark (truncated log), When computed, Then that partition adds nothing', () => {
    expect(topicLag([{ partition: 0, low: '0', high: '4' }], [{ partition: 0, offset: '9' }])).toBe(
      0,
    );
  });
});
