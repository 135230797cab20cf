/**
 * A strict reader of the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): every line is a HELP, a
 * TYPE or a sample of a declared metric, or the reader throws naming the line.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(?:,|$)/;
// A histogram's or summary's samples carry these suffixes on the declared name.
const SUFFIXES = ["", "_bucket", "_sum", "_count", "_total", "_created"];

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    if (!match?.[1] || match[2] === undefined) throw new Error(`malformed labels in: ${line}`);
    labels[match[1]] = match[2].replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    rest = rest.slice(match[0].length);
  }
  return labels;
}

/**
 * A sample value "as required by Go's ParseFloat()" (prometheus.io/docs/instrumenting/exposition_formats), which
 * reads NaN and Inf/Infinity with an optional sign in any letter case (pkg.go.dev/strconv#ParseFloat): prom-client
 * writes an empty summary's mean as `Nan`.
 */
function parseValue(text: string, line: string): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special?.[2]?.toLowerCase() === "nan") return Number.NaN;
  if (special) return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const value = Number(text);
  if (Number.isNaN(value) || text.trim() === "") throw new Error(`malformed value in: ${line}`);
  return value;
}

export function parsePrometheusText(text: string): Sample[] {
  const declared = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = TYPE.exec(line);
    if (type?.[1]) {
      declared.add(type[1]);
      continue;
    }
    if (HELP.test(line)) continue;
    const sample = SAMPLE.exec(line);
    if (!sample?.[1] || sample[3] === undefined) throw new Error(`not Prometheus text: ${line}`);
    const name = sample[1];
    if (!SUFFIXES.some((suffix) => declared.has(name.slice(0, name.length - suffix.length)) && name.endsWith(suffix))) {
      throw new Error(`sample of an undeclared metric: ${line}`);
    }
    samples.push({ name, labels: parseLabels(sample[2] ?? "", line), value: parseValue(sample[3], line) });
  }
  return samples;
}

/** The value of the one sample with this name and these labels (among others), or undefined. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
