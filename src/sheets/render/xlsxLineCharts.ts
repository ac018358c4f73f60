/**
 * Line charts in the .xlsx: one DrawingML plot area combining a
 * stacked area group (a hidden base plus the expected range, drawn as a
 * band), a clustered column group (a marker bar, e.g. the operation's start)
 * and a line group, all on one category axis of months. Series come one by
 * one from the ChartModel; their caches are the model's cached values, so a
 * viewer that does not recalculate still draws them (text and #N/A are gaps).
 * Element order follows ECMA-376 (CT_PlotArea, CT_AreaSer, CT_BarSer, CT_LineSer).
 */
import type { ChartModel, ChartSeriesModel, SheetModel } from "../model";
import { absoluteRange, parseRange, quoteSheet, type RangeRef } from "../a1";
import { cellValues, cellsOf, chartFrame, numRef, richText } from "./chartXmlParts";
import { escapeText } from "./xmlText";

const CAT_AX = 500000011;
const VAL_AX = 500000012;

const rgb = (colour: string): string => colour.replace("#", "").toUpperCase();
const solid = (colour: string): string => `<a:solidFill><a:srgbClr val="${rgb(colour)}"/></a:solidFill>`;

/** Fill and outline of a series; "none" draws nothing. */
function shapeXml(s: ChartSeriesModel): string {
  if (s.colour === "none") return `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`;
  if (s.kind === "line") {
    const dash = s.dash ? `<a:prstDash val="dash"/>` : "";
    return `<c:spPr><a:ln w="28575" cap="rnd">${solid(s.colour)}${dash}<a:round/></a:ln></c:spPr>`;
  }
  return `<c:spPr>${solid(s.colour)}<a:ln><a:noFill/></a:ln></c:spPr>`;
}

const markerXml = (s: ChartSeriesModel): string =>
  s.marker && s.colour !== "none"
    ? `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr>${solid(s.colour)}<a:ln>${solid(s.colour)}</a:ln></c:spPr></c:marker>`
    : `<c:marker><c:symbol val="none"/></c:marker>`;

/** The plot area's series and groups, and the legend (with hidden entries deleted). */
export function lineChartXml(sheet: SheetModel, chart: ChartModel): string {
  if (!chart.categories || !chart.series?.length)
    throw new Error(`Line chart "${chart.title}" has no series`);
  const cats = parseRange(chart.categories);
  const values = cellValues(sheet, cats);
  const ref = (r: RangeRef) => `${quoteSheet(sheet.name)}!${absoluteRange(r)}`;
  const at = (r: RangeRef) => cellsOf(r).map((a) => values.get(a));
  const cat = `<c:cat>${numRef(ref(cats), at(cats), chart.categoryFormat ?? "General")}</c:cat>`;
  const ser = (s: ChartSeriesModel, i: number): string => {
    const v = parseRange(s.values);
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>` +
      shapeXml(s) +
      (s.kind === "line" ? markerXml(s) : s.kind === "column" ? `<c:invertIfNegative val="0"/>` : "") +
      cat +
      `<c:val>${numRef(ref(v), at(v))}</c:val>` +
      (s.kind === "line" ? `<c:smooth val="0"/>` : "") +
      `</c:ser>`
    );
  };
  const indexed = chart.series.map((s, i) => ({ s, i }));
  const group = (kind: ChartSeriesModel["kind"]) =>
    indexed
      .filter((x) => x.s.kind === kind)
      .map((x) => ser(x.s, x.i))
      .join("");
  const axes = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  const areas = group("area");
  const columns = group("column");
  const lines = group("line");
  const valueTitle = chart.valueAxisTitle
    ? `<c:title>${richText(chart.valueAxisTitle, 900, false)}<c:overlay val="0"/></c:title>`
    : "";
  const plotArea =
    `<c:plotArea><c:layout/>` +
    (areas
      ? `<c:areaChart><c:grouping val="stacked"/><c:varyColors val="0"/>${areas}${axes}</c:areaChart>`
      : "") +
    (columns
      ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${columns}` +
        `<c:gapWidth val="500"/>${axes}</c:barChart>`
      : "") +
    (lines
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines}<c:marker val="1"/>${axes}</c:lineChart>`
      : "") +
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="${escapeText(chart.categoryFormat ?? "General")}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>${valueTitle}` +
    `<c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>`;
  const hidden = indexed
    .filter((x) => x.s.noLegend)
    .map((x) => `<c:legendEntry><c:idx val="${x.i}"/><c:delete val="1"/></c:legendEntry>`)
    .join("");
  const legend = `<c:legend><c:legendPos val="b"/>${hidden}<c:overlay val="0"/></c:legend>`;
  return chartFrame(chart.title, plotArea, legend, chart.fontSize);
}
