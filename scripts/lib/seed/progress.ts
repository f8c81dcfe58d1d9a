import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** One bar per table being written; silent when `enabled` is false (tests). */
export class Progress {
  private readonly bars: MultiBar | null;
  constructor(enabled: boolean) {
    this.bars = enabled
      ? new MultiBar({
        format: ' {label} |{bar}| {percentage}% | {value}/{total} rows | {rate} rows/s | {duration_formatted} (eta {eta_formatted})',
        barsize: 30,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        // Without a terminal (CI, logs) print the bars every 5 s instead of redrawing them.
        noTTYOutput: !process.stdout.isTTY,
        notTTYSchedule: 5_000,
        etaBuffer: 50,
        autopadding: true,
        formatValue: (value: number, _options: unknown, type: string) =>
          type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value),
      }, Presets.shades_classic)
      : null;
  }

  bar(label: string, total: number): { add(rows: number): void; done(): void } {
    if (!this.bars) return { add: () => undefined, done: () => undefined };
    const started = Date.now();
    const bar: SingleBar = this.bars.create(total, 0, { label: label.padEnd(34), rate: 0 });
    let value = 0;
    return {
      add: (rows: number) => {
        value += rows;
        const seconds = (Date.now() - started) / 1000;
        bar.update(value, { rate: seconds > 0 ? Math.round(value / seconds).toLocaleString('en-US') : 0 });
      },
      done: () => {
        bar.update(value);
        bar.stop();
        // Without a terminal the bars are printed again every few seconds: a finished one says so once.
        if (!process.stdout.isTTY && this.bars) {
          this.bars.remove(bar);
          const seconds = (Date.now() - started) / 1000;
          this.bars.log(` ✓ ${label.padEnd(34)} ${value.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s\n`);
        }
      },
    };
  }

  log(line: string): void {
    if (this.bars) this.bars.log(`${line}\n`);
  }

  stop(): void {
    this.bars?.stop();
  }
}
