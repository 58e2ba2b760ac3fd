/**
 * Benchmark of the sale-window engine: `npm run bench:engine`.
 * Prints a table, then, as the very last line, one JSON object (ms and MB).
 * Figures are medians of repeated runs; the baseline is measured in the same run.
 */
import { compileSnapshot, listOnSale, performanceStatus, type Snapshot } from '../src/plugins/ticketing/server/src/domain';
import { BENCH_IDS, generateSeason } from './generate-season';
import { createNaiveEngine } from './engine-baseline';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc (npm run bench:engine) to measure memory.');
}

const AT = Date.parse('2027-11-15T10:00:00Z');
const CHANNEL = BENCH_IDS.channels[0];
const SUBCATEGORY = BENCH_IDS.subcategories[4]; // an Occasionnel subcategory

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time<T>(fn: () => T): [number, T] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}

function measure<T>(runs: number, fn: () => T, warmup = 1): { ms: number; value: T } {
  let value!: T;
  for (let i = 0; i < warmup; i++) value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [ms, v] = time(fn);
    times.push(ms);
    value = v;
  }
  return { ms: median(times), value };
}

const list = (snapshot: Snapshot) => listOnSale(snapshot, { channelId: CHANNEL, audienceSubcategoryId: SUBCATEGORY, buyerKind: 'public', at: AT });

/**
 * JS heap plus ArrayBuffer backing stores: the snapshot keeps its performances and windows in
 * typed arrays, whose memory is outside `heapUsed`.
 */
function heapUsedMb(): number {
  // ArrayBuffers dropped before a GC are only released by the next ones.
  for (let i = 0; i < 4; i++) gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

function sizeRun(performances: number, compileRuns: number, listRuns: number) {
  const config = generateSeason(performances);
  // One warm-up run at every size (it used to be skipped at 100k, when a compile took seconds):
  // the figures then compare the same thing.
  const compile = measure(compileRuns, () => compileSnapshot(config), 1);
  // Heap held by one compiled snapshot (the configuration itself is alive before and after).
  const before = heapUsedMb();
  let snapshot: Snapshot | null = compileSnapshot(config);
  const heap = heapUsedMb() - before;
  // The first listing of a (channel, category) also builds its listing index (memoised).
  const [firstListMs] = time(() => list(snapshot!));
  const listing = measure(listRuns, () => list(snapshot!), 5);
  // The snapshot with what the listings memoised (listing index, ISO strings, refs).
  const heapListed = heapUsedMb() - before;
  const result: { config: typeof config; snapshot: Snapshot | null; compileMs: number; listMs: number; firstListMs: number; listed: number; heapMb: number; heapListedMb: number } = {
    config,
    snapshot,
    compileMs: compile.ms,
    listMs: listing.ms,
    firstListMs,
    listed: listing.value.length,
    heapMb: heap,
    heapListedMb: heapListed,
  };
  snapshot = null;
  return result;
}

function main() {
  const rows: [string, string][] = [];
  const started = Date.now();

  const small = sizeRun(1_000, 9, 201);
  const mid = sizeRun(10_000, 7, 201);

  // 720,000 performanceStatus calls: 10,000 performances × 6 channels × 12 subcategories.
  const snapshot = mid.snapshot!;
  const perfIds = snapshot.perf.ids;
  let onSale = 0;
  // Five runs after two warm-ups: one run is ~0.7 s of allocation-heavy work, and a single run now
  // and then takes ~1.5× as long (a major GC, the JIT still at work), which a median of three could report.
  const matrix = measure(
    5,
    () => {
      onSale = 0;
      for (const channelId of BENCH_IDS.channels) {
        for (const audienceSubcategoryId of BENCH_IDS.subcategories) {
          for (const performanceId of perfIds) {
            if (performanceStatus(snapshot, { performanceId, channelId, audienceSubcategoryId, at: AT }).status === 'ON_SALE') onSale++;
          }
        }
      }
      return onSale;
    },
    2,
  );

  // Baseline: the naive implementation, same listing, same instant.
  const naive = createNaiveEngine(mid.config);
  const baseline = measure(3, () => naive.listOnSale(CHANNEL, 'public', SUBCATEGORY, AT));
  const engineList = list(snapshot);
  const agrees = JSON.stringify(engineList.map((l) => [l.performance.id, l.opensAt, l.closesAt])) === JSON.stringify(baseline.value.map((l) => [l.performanceId, l.opensAt, l.closesAt]));

  mid.snapshot = null;
  const large = sizeRun(100_000, 5, 51);

  const results = {
    compile_ms_1k: round(small.compileMs),
    compile_ms_10k: round(mid.compileMs),
    compile_ms_100k: round(large.compileMs),
    list_ms_1k: round(small.listMs, 4),
    list_ms_10k: round(mid.listMs, 4),
    list_ms_100k: round(large.listMs, 4),
    matrix_ms_10k: round(matrix.ms),
    baseline_list_ms_10k: round(baseline.ms),
    list_speedup_vs_baseline: round(baseline.ms / mid.listMs, 1),
    baseline_agrees: agrees,
    heap_mb_1k: round(small.heapMb),
    heap_mb_10k: round(mid.heapMb),
    heap_mb_100k: round(large.heapMb),
    growth_list_10x: round(large.listMs / mid.listMs),
    growth_compile_10x: round(large.compileMs / mid.compileMs),
    growth_heap_10x: round(large.heapMb / mid.heapMb),
    first_list_ms_10k: round(mid.firstListMs, 3),
    first_list_ms_100k: round(large.firstListMs, 3),
    heap_listed_mb_10k: round(mid.heapListedMb),
    heap_listed_mb_100k: round(large.heapListedMb),
    listed_10k: mid.listed,
    matrix_on_sale_10k: matrix.value,
    total_s: round((Date.now() - started) / 1000, 1),
  };

  rows.push(
    ['performances', '1,000 / 10,000 / 100,000'],
    ['compile (ms, median)', `${results.compile_ms_1k} / ${results.compile_ms_10k} / ${results.compile_ms_100k}`],
    ['listOnSale (ms, median)', `${results.list_ms_1k} / ${results.list_ms_10k} / ${results.list_ms_100k}`],
    ['performances listed', `${small.listed} / ${mid.listed} / ${large.listed}`],
    ['first listing, builds its index (ms)', `${round(small.firstListMs, 3)} / ${results.first_list_ms_10k} / ${results.first_list_ms_100k}`],
    ['heap of a snapshot (MB, with typed arrays)', `${results.heap_mb_1k} / ${results.heap_mb_10k} / ${results.heap_mb_100k}`],
    ['heap after listings (MB, + memos)', `${round(small.heapListedMb)} / ${results.heap_listed_mb_10k} / ${results.heap_listed_mb_100k}`],
    ['720,000 performanceStatus (ms)', `${results.matrix_ms_10k} (${matrix.value} ON_SALE, ${round((matrix.ms * 1000) / 720_000, 3)} µs/call)`],
    ['naive baseline listing 10k (ms)', `${results.baseline_list_ms_10k} (engine ${results.list_speedup_vs_baseline}× faster, same answer: ${agrees ? 'yes' : 'NO'})`],
    ['growth 1k→10k→100k: compile', `${ratio(mid.compileMs, small.compileMs)}× / ${ratio(large.compileMs, mid.compileMs)}×`],
    ['growth 1k→10k→100k: list', `${ratio(mid.listMs, small.listMs)}× / ${ratio(large.listMs, mid.listMs)}×`],
    ['growth 1k→10k→100k: heap', `${ratio(mid.heapMb, small.heapMb)}× / ${ratio(large.heapMb, mid.heapMb)}×`],
    ['total time (s)', String(results.total_s)],
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`Sale-window engine benchmark — listing ${CHANNEL} × ${SUBCATEGORY} at ${new Date(AT).toISOString()}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(JSON.stringify(results));
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
function ratio(a: number, b: number): string {
  return (a / b).toFixed(1);
}

main();
