/**
 * A number written into a sentence the way en-GB Intl.NumberFormat writes it
 * with at most one decimal place ("1,234.5", "12", "-3.4", never "-0"), as a
 * native formula. TEXT's format codes are read differently by Excel,
 * LibreOffice and HyperFormula, so the digits are put together by hand.
 * The same text as the sentence of src/core/netBenefit.ts.
 */

/** Up to 999,999,999 (crimes and counts, not money): thousands and millions get a comma. */
export function gbNumberFormula(ref: string): string {
  const r = `ROUND(ABS(${ref}),1)`;
  const i = `INT(${r})`;
  const three = (x: string) => `RIGHT("00"&${x},3)`;
  const whole =
    `IF(${i}>=1000000,INT(${i}/1000000)&","&${three(`INT(MOD(${i},1000000)/1000)`)}&","&${three(`MOD(${i},1000)`)},` +
    `IF(${i}>=1000,INT(${i}/1000)&","&${three(`MOD(${i},1000)`)},${i}&""))`;
  const tenths = `ROUND((${r}-${i})*10,0)`;
  return `IF(AND(${ref}<0,${r}>0),"-","")&${whole}&IF(${tenths}>0,"."&${tenths},"")`;
}
