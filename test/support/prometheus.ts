// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse = require('parse-prometheus-text-format') as (text: string) => PrometheusFamily[];

export interface PrometheusSample {
  labels?: Record<string, string>;
  value?: string;
  /** histograms */
  buckets?: Record<string, string>;
  count?: string;
  sum?: string;
}

export interface PrometheusFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: PrometheusSample[];
}

/**
 * A scrape parsed by a Prometheus text-format parser, with lookups by name and labels.
 * parse-prometheus-text-format folds a histogram's series into one sample without labels, so
 * the text is parsed a second time with histograms declared untyped: each `_count`, `_sum` and
 * `_bucket` is then a family of its own, with its labels.
 */
export class Scrape {
  readonly families: Map<string, PrometheusFamily>;
  private readonly series: Map<string, PrometheusFamily>;

  constructor(text: string) {
    this.families = new Map(parse(text).map((f) => [f.name, f]));
    const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped');
    // series of one histogram come interleaved (_bucket, _sum, _count, then the next labels)
    this.series = new Map();
    for (const f of parse(untyped)) {
      const seen = this.series.get(f.name);
      if (seen) seen.metrics.push(...f.metrics);
      else this.series.set(f.name, f);
    }
  }

  family(name: string): PrometheusFamily {
    const f = this.families.get(name);
    if (!f) throw new Error(`no metric ${name} in the scrape`);
    return f;
  }

  private sample(name: string, labels: Record<string, string>): PrometheusSample | undefined {
    return this.family(name).metrics.find((m) =>
      Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
    );
  }

  /** A counter's or gauge's value (0 when the series does not exist yet). */
  value(name: string, labels: Record<string, string> = {}): number {
    return Number(this.sample(name, labels)?.value ?? 0);
  }

  /** A histogram's observation count and sum (0 when the series does not exist yet). */
  histogram(name: string, labels: Record<string, string> = {}): { count: number; sum: number } {
    expect(this.family(name).type).toBe('HISTOGRAM');
    const pick = (suffix: string) =>
      Number(
        this.series
          .get(`${name}${suffix}`)
          ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
          ?.value ?? 0,
      );
    return { count: pick('_count'), sum: pick('_sum') };
  }
}
