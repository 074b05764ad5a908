/** Liquid alpha (placeholder until the BigInt transcendentals land). */
export function logisticAlphaPerColumn(_c: number[], _lo: number, _hi: number): number[] | null {
  throw new Error('liquid alpha not yet implemented');
}
export function sigmoidAlpha(_lo: number, _hi: number, _steep: number): (c: number, w: number, b: number) => number {
  throw new Error('liquid alpha not yet implemented');
}
