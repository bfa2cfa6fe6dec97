import { Global, Module } from '@nestjs/common';
import { useQueueSettings } from '../queue/worker-options';
import { AppConfig, loadConfig } from './app-config';

/** Makes the validated configuration injectable as `AppConfig`. */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: () => {
        const config = loadConfig();
        // The queue processors' options, fixed by decorators, read it from here (worker-options.ts).
        useQueueSettings(config);
        return config;
      },
    },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
