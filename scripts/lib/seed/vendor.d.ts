/**
 * The few parts of pg-copy-streams and cli-progress the seed uses; neither package ships types and
 * the seed adds no @types packages.
 */
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  export interface CopyStreamQuery extends Writable, Submittable {
    /** Rows the server reports after the COPY completed. */
    rowCount: number;
  }
  export function from(text: string, options?: { highWaterMark?: number }): CopyStreamQuery;
}

declare module 'cli-progress' {
  export interface Options {
    format?: string;
    barsize?: number;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
    noTTYOutput?: boolean;
    notTTYSchedule?: number;
    etaBuffer?: number;
    fps?: number;
    autopadding?: boolean;
    formatValue?: (value: number, options: unknown, type: string) => string;
  }
  export interface Preset {
    barCompleteChar: string;
    barIncompleteChar: string;
    format?: string;
  }
  export class SingleBar {
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    increment(step?: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  export class MultiBar {
    constructor(options: Options, preset?: Preset);
    create(total: number, startValue: number, payload?: Record<string, unknown>): SingleBar;
    remove(bar: SingleBar): boolean;
    log(text: string): void;
    stop(): void;
  }
  export const Presets: { shades_classic: Preset; shades_grey: Preset; legacy: Preset; rect: Preset };
}
