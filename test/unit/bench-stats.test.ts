import { judge, pairedShare } from '../../scripts/bench-stats';

/** The bench's round-by-round judgement (scripts/bench-stats.js): a t interval on log ratios. */
describe('pairedShare', () => {
  it('is the geometric mean of the rounds, with no width when every round agrees', () => {
    expect(pairedShare([0.9, 0.9, 0.9])).toEqual({
      share: expect.closeTo(0.9, 12),
      low: expect.closeTo(0.9, 12),
      high: expect.closeTo(0.9, 12),
    });
    expect(pairedShare([0.5, 2]).share).toBeCloseTo(1, 12);
  });

  it('spans the 90% t interval of the log ratios', () => {
    // logs ±0.1: mean 0, sd 0.1 * sqrt(4/3) over four rounds; t(3) = 2.353.
    const { share, low, high } = pairedShare([Math.exp(0.1), Math.exp(-0.1), Math.exp(0.1), Math.exp(-0.1)]);
    const half = (2.353 * 0.1 * Math.sqrt(4 / 3)) / 2;
    expect(share).toBeCloseTo(1, 12);
    expect(low).toBeCloseTo(Math.exp(-half), 12);
    expect(high).toBeCloseTo(Math.exp(half), 12);
  });

  it('gives no interval from one round', () => {
    expect(pairedShare([0.8])).toEqual({ share: expect.closeTo(0.8, 12) });
  });
});

describe('judge', () => {
  it('says above, below or cannot tell by where the whole interval lies', () => {
    expect(judge({ share: 1, low: 0.95, high: 1.1 }, 0.95)).toBe('above');
    expect(judge({ share: 0.9, low: 0.85, high: 0.949 }, 0.95)).toBe('below');
    expect(judge({ share: 0.93, low: 0.85, high: 1.02 }, 0.95)).toBe('cannot tell');
    expect(judge({ share: 1.2 }, 0.95)).toBe('cannot tell');
  });
});
