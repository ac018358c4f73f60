/** Special functions used by the count tests. Internal to the stats module. */

const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0: Stirling series with terms to x^-11, after shifting x up
 * to at least 15 (truncation error below 1e-17 there).
 */
export function logGamma(x: number): number {
  let shift = 0;
  let y = x;
  if (y < 15) {
    let product = 1;
    while (y < 15) {
      product *= y;
      y += 1;
    }
    shift = Math.log(product);
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360))))));
  return (y - 0.5) * Math.log(y) - y + LOG_SQRT_2PI + series - shift;
}

/** ln of the Poisson pmf at whole x. */
export function logPoissonPmf(x: number, mean: number): number {
  if (x === 0) return -mean;
  return -mean + x * Math.log(mean) - logGamma(x + 1);
}
