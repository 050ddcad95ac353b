/** Types of scripts/bench-stats.js for its unit test. */
export interface PairedShare {
  share: number;
  low?: number;
  high?: number;
}
export function pairedShare(ratios: number[]): PairedShare;
export function judge(interval: PairedShare, target: number): 'above' | 'below' | 'cannot tell';
