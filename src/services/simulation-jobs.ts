// Simulation jobs for the web page: a simulation runs in the background (simulate() with an AbortSignal and
// onProgress) while the page polls its progress and may cancel it. The registry is in memory, one per
// server process: a restart forgets the jobs (the report is a computation, recomputed by running it again,
// nothing is persisted). It is bounded: one running job per account, MAX_RUNNING jobs at once in all, and at
// most MAX_KEPT jobs remembered (the oldest finished ones are forgotten first). A job is its creator's only.
import { randomUUID } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './actor.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import { findPopulation, type PopulationView } from './populations.ts';
import { mayRun, parseTakeUp, reformSettings, simulate, SimulationCancelled, type SimulationReport, type SimulationRequest } from './simulation.ts';

export const MAX_KEPT = 50;
export const MAX_RUNNING = 4;

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  status: JobStatus;
  population: string;
  progress: { done: number; total: number };
  created_at: string;
  finished_at: string | null;
  /** Why it failed (failed only). */
  error: string | null;
  report: SimulationReport | null;
}

interface Job {
  view: JobView;
  owner: string;
  controller: AbortController;
  /** Settles when the job ends, whatever the outcome (for tests and shutdown). */
  finished: Promise<void>;
}

export interface JobOptions {
  /** Largest population a job may simulate (the API's limit). */
  maxSize: number;
  /** Worker threads (tests); default as simulate(). */
  workers?: number;
  now?: () => Date;
}

export class SimulationJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly db: Db, private readonly pack: Pack, private readonly options: JobOptions) {}

  /** Checks the request as simulate() would (400/403/404 before anything starts), then starts the job. */
  async start(actor: Actor, request: SimulationRequest): Promise<JobView> {
    if (!mayRun(actor)) throw forbidden(`a ${actor.role} account may not run simulations`);
    this.checkRunning(actor);
    parseTakeUp(this.pack, request.takeUp);
    if (request.reform !== undefined) reformSettings(this.pack, request.reform);
    const population: PopulationView = await findPopulation(this.db, request.population);
    if (population.size > this.options.maxSize) {
      throw invalid(`population: ${population.size} profiles is over this interface's limit of ${this.options.maxSize} (use the CLI)`, [{ path: 'population', message: 'too large' }]);
    }
    // Again: another start of this account may have registered while we were reading the population.
    this.checkRunning(actor);
    this.evict();

    const now = this.options.now ?? (() => new Date());
    const controller = new AbortController();
    const view: JobView = {
      id: randomUUID(), status: 'running', population: population.name, progress: { done: 0, total: population.size },
      created_at: now().toISOString(), finished_at: null, error: null, report: null,
    };
    const finish = (status: JobStatus, patch: Partial<JobView> = {}) => {
      // A cancel that arrived first wins: the job stays cancelled.
      if (view.status !== 'running') return;
      Object.assign(view, { status, finished_at: now().toISOString() }, patch);
    };
    const finished = simulate(this.db, actor, this.pack, request, {
      maxSize: this.options.maxSize, signal: controller.signal, ...(this.options.workers === undefined ? {} : { workers: this.options.workers }),
      onProgress: (done, total) => { view.progress = { done, total }; },
    }).then(
      (report) => finish('done', { report, progress: { done: report.evaluated, total: population.size } }),
      (error: unknown) => (error instanceof SimulationCancelled ? finish('cancelled') : finish('failed', { error: error instanceof Error ? error.message : String(error) })),
    );
    this.jobs.set(view.id, { view, owner: actor.id, controller, finished });
    return view;
  }

  /** The creator's job; another account's is refused (403), an unknown or forgotten one is 404. */
  get(actor: Actor, id: string): JobView {
    return this.own(actor, id).view;
  }

  /** Cancels a running job (its workers stop at the next chunk); a finished job is answered as it is. */
  cancel(actor: Actor, id: string): JobView {
    const job = this.own(actor, id);
    if (job.view.status === 'running') {
      job.view.status = 'cancelled';
      job.view.finished_at = (this.options.now ?? (() => new Date()))().toISOString();
      job.controller.abort();
    }
    return job.view;
  }

  /** Settles when the job has stopped (done, failed or cancelled and its workers ended). */
  async settled(id: string): Promise<void> {
    await this.jobs.get(id)?.finished;
  }

  /** Cancels every running job and waits for them (server shutdown). */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.finished));
  }

  private checkRunning(actor: Actor): void {
    const running = [...this.jobs.values()].filter((j) => j.view.status === 'running');
    const mine = running.find((j) => j.owner === actor.id);
    if (mine) throw conflict(`your simulation ${mine.view.id} is still running: wait for it or cancel it`);
    if (running.length >= MAX_RUNNING) throw conflict(`${MAX_RUNNING} simulations are running: try again when one ends`);
  }

  private own(actor: Actor, id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw notFound(`simulation job ${id}`);
    if (job.owner !== actor.id) throw forbidden('a simulation job is seen only by the account that started it');
    return job;
  }

  // Forgets the oldest finished jobs so that a new one fits under MAX_KEPT (Map keeps insertion order).
  private evict(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size < MAX_KEPT) return;
      if (job.view.status !== 'running') this.jobs.delete(id);
    }
  }
}
