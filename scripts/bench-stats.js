'use strict';
/**
 * The bench's judgement round by round (scripts/bench.js): each round is a fresh pair of
 * processes whose two loads of a scenario ran one after the other, so ON over OFF within a
 * round is one paired sample, and the rounds are the independent ones.
 */

/** Student's t at 0.95 by degrees of freedom (the index): a two-sided 90% interval, up to 9 rounds. */
const T_90 = [Infinity, 6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86];

/**
 * The geometric mean of per-round ratios with its 90% interval (a t interval on their
 * logarithms); no interval from one round.
 */
const pairedShare = (ratios) => {
  const logs = ratios.map(Math.log);
  const n = logs.length;
  const mean = logs.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { share: Math.exp(mean) };
  const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
  const half = (T_90[Math.min(n - 1, T_90.length - 1)] * sd) / Math.sqrt(n);
  return { share: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half) };
};

/**
 * Where the interval lies against `target`: 'above' (all of it at or above), 'below' (all of
 * it under) or 'cannot tell' (it holds the target: the run cannot tell that far from noise).
 */
const judge = ({ low, high }, target) =>
  low === undefined ? 'cannot tell' : low >= target ? 'above' : high < target ? 'below' : 'cannot tell';

module.exports = { pairedShare, judge };
