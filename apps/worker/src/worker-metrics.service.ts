import { createServer, Server } from 'node:http';
import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { AppConfig, jobDuration, jobFailures, metricsAuthorised, metricsRegistry } from '@qualcert/shared';

const seconds = (job: Job): number =>
  job.processedOn && job.finishedOn ? Math.max(0, job.finishedOn - job.processedOn) / 1000 : 0;

/**
 * Job durations and failures of this worker's processors, served for Prometheus on METRICS_PORT
 * (off when 0). Queue depths and the outbox lag are the API's (/metrics): they are shared state,
 * so one scrape target is enough for them.
 */
@Injectable()
export class WorkerMetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsService.name);
  private server: Server | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const host: unknown = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      const worker: Worker = (host as WorkerHost<Worker>).worker;
      worker.on('completed', (job: Job) =>
        jobDuration.observe({ queue: worker.name, name: job.name, result: 'completed' }, seconds(job)),
      );
      worker.on('failed', (job: Job | undefined) => {
        if (!job) return;
        jobDuration.observe({ queue: worker.name, name: job.name, result: 'failed' }, seconds(job));
        jobFailures.inc({ queue: worker.name, name: job.name });
      });
    }
    if (this.config.METRICS_PORT === 0) return;
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      if (!metricsAuthorised(req.headers.authorization, this.config.METRICS_TOKEN)) {
        res.writeHead(401).end();
        return;
      }
      metricsRegistry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    this.server.listen(this.config.METRICS_PORT, () =>
      this.logger.log(`metrics on :${this.config.METRICS_PORT}/metrics`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
