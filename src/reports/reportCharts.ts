import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import { categoryById } from "../core/categories.ts";
import type { ClockFigures, ReportFigures } from "../core/reportFigures.ts";
import { SEVERITIES, severityPolicy } from "../core/severity.ts";

/** A chart as a PNG, ready to upload. */
export interface ChartFile {
  filename: string;
  title: string;
  content: Uint8Array;
}

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 560;

// The font ships in node_modules, so a server with no fonts installed draws the same labels.
const FONT_FILE = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_FAMILY = "DejaVu Sans";
const BACKGROUND = "#ffffff";
const SEVERITY_COLORS = ["#b71c1c", "#ef6c00", "#f9a825", "#546e7a"];

type ChartOption = Parameters<echarts.ECharts["setOption"]>[0];

/** Renders one chart: ECharts draws SVG with no DOM or canvas, resvg turns it into PNG pixels. */
function renderPng(option: ChartOption): Uint8Array {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: BACKGROUND,
      textStyle: { fontFamily: FONT_FAMILY },
      ...option,
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      background: BACKGROUND,
      font: { loadSystemFonts: false, fontFiles: [FONT_FILE], defaultFontFamily: FONT_FAMILY },
    }).render();
    return png.asPng();
  } finally {
    chart.dispose();
  }
}

const title = (text: string, subtext: string) => ({ text, subtext, left: "center" });
// ECharts measures text with its own estimate, narrower than DejaVu Sans draws it: a wide gap keeps entries apart.
const legend = { bottom: 0, itemGap: 28 };

function casesByCategoryOption(figures: ReportFigures, periodLabel: string): ChartOption {
  const labels = figures.byCategory.map(({ category }) => categoryById(category)?.label ?? category);
  return {
    title: title("Cases opened by category and severity", periodLabel),
    color: SEVERITY_COLORS,
    legend,
    grid: { top: 80, bottom: 150, left: 60, right: 30 },
    xAxis: { type: "category", data: labels, axisLabel: { rotate: 30, interval: 0, width: 160, overflow: "truncate" } },
    yAxis: { type: "value", minInterval: 1, name: "cases" },
    series: SEVERITIES.map((severity) => ({
      name: severityPolicy(severity).label,
      type: "bar",
      stack: "cases",
      data: figures.byCategory.map(({ counts }) => counts[severity]),
    })),
  };
}

/** A percentile as a share of its target, so severities with targets of minutes and of days share one axis. */
const percentOfTarget = (clock: ClockFigures, minutes: number | null) =>
  minutes === null || clock.target.minutes === 0 ? null : Math.round((100 * minutes) / clock.target.minutes);

function timesAgainstSlaOption(figures: ReportFigures, periodLabel: string): ChartOption {
  const series = (name: string, pick: (s: ReportFigures["bySeverity"][number]) => number | null) => ({
    name,
    type: "bar",
    data: figures.bySeverity.map((s) => pick(s) ?? "-"),
  });
  const measured = figures.bySeverity.some((s) =>
    [s.firstResponse.p50Minutes, s.firstResponse.p90Minutes, s.resolution.p50Minutes, s.resolution.p90Minutes].some(
      (minutes) => minutes !== null,
    ),
  );
  return {
    title: title("Response and resolution times, % of the SLA target (100 % = target)", periodLabel),
    // A week whose cases are all still waiting has no bar: the chart says so rather than look broken.
    graphic: measured
      ? []
      : [
          {
            type: "text",
            left: "center",
            top: "middle",
            style: { text: "No first response or resolution yet", fontSize: 18, fill: "#757575" },
          },
        ],
    color: ["#90caf9", "#1565c0", "#a5d6a7", "#2e7d32"],
    legend,
    grid: { top: 80, bottom: 70, left: 60, right: 50 },
    xAxis: { type: "category", data: figures.bySeverity.map((s) => severityPolicy(s.severity).label) },
    // Always up to 120 % at least, so the target line shows even when every bar is well under it (or none exists).
    yAxis: {
      type: "value",
      name: "% of target",
      min: 0,
      max: ({ max }: { max: number }) => (Number.isFinite(max) ? Math.max(120, Math.ceil(max / 20) * 20) : 120),
    },
    series: [
      {
        ...series("First response p50", (s) => percentOfTarget(s.firstResponse, s.firstResponse.p50Minutes)),
        markLine: {
          silent: true,
          symbol: "none",
          data: [{ yAxis: 100, name: "SLA target" }],
          lineStyle: { color: "#c62828" },
        },
      },
      series("First response p90", (s) => percentOfTarget(s.firstResponse, s.firstResponse.p90Minutes)),
      series("Resolution p50", (s) => percentOfTarget(s.resolution, s.resolution.p50Minutes)),
      series("Resolution p90", (s) => percentOfTarget(s.resolution, s.resolution.p90Minutes)),
    ],
  };
}

/** The report's charts; none for a period with no cases, whose report says so in words. */
export function renderReportCharts(figures: ReportFigures, periodLabel: string, filePrefix: string): ChartFile[] {
  if (figures.casesOpened === 0) return [];
  return [
    {
      filename: `${filePrefix}-cases.png`,
      title: "Cases by category and severity",
      content: renderPng(casesByCategoryOption(figures, periodLabel)),
    },
    {
      filename: `${filePrefix}-times.png`,
      title: "Response and resolution vs SLA",
      content: renderPng(timesAgainstSlaOption(figures, periodLabel)),
    },
  ];
}
