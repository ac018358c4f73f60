/**
 * A number written into a sentence the way en-GB Intl.NumberFormat writes it
 * with at most one decimal place ("1,234.5", "12", "-3.4", never "-0"), as a
 * native formula. TEXT's format codes are read differently by Excel,
 * LibreOffice and HyperFormula, so the digits are put together by hand.
 * The same text as the sentence of src/core/netBenefit.ts.
 */

/** Up to 999,999,999,999: thousands, millions and billions get a comma. */
export function gbNumberFormula(ref: string): string {
  const r = `ROUND(ABS(${ref}),1)`;
  const i = `INT(${r})`;
  const three = (x: string) => `RIGHT("00"&${x},3)`;
  // Below a million, "123,456"; the millions in front are written the same way, so billions group too.
  const upToSix = (x: string) => `IF(${x}>=1000,INT(${x}/1000)&","&${three(`MOD(${x},1000)`)},${x}&"")`;
  // The last three digits without MOD, which older Excel refuses for a quotient over 2^27.
  const units = `${i}-INT(${i}/1000)*1000`;
  const whole =
    `IF(${i}>=1000000,${upToSix(`INT(${i}/1000000)`)}&","&${three(`INT(MOD(${i},1000000)/1000)`)}&","&${three(units)},` +
    `${upToSix(i)})`;
  const tenths = `ROUND((${r}-${i})*10,0)`;
  return `IF(AND(${ref}<0,${r}>0),"-","")&${whole}&IF(${tenths}>0,"."&${tenths},"")`;
}
