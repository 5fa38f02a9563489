import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { loggedRequest } from './common/logged-request';
import { ZodValidationPipe } from 'nestjs-zod';
import { ApplicationsModule } from './applications/applications.module';
import { ArchiveModule } from './archive/archive.module';
import { AssistanceModule } from './assistance/assistance.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { EnrolmentModule } from './enrolment/enrolment.module';
import { EmergencyModule } from './emergency/emergency.module';
import { ReserveFundModule } from './reserve-fund/reserve-fund.module';
import { DeliberationModule } from './deliberation/deliberation.module';
import { EscalationsModule } from './escalations/escalations.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { DevTokenController } from './auth/dev-token.controller';
import { TokenVerifier } from './auth/token-verifier';
import { UserDirectory } from './auth/user-directory';
import { LoginLockout } from './auth/login-lockout';
import { SessionActivity } from './auth/session-activity';
import { SessionRepository } from './auth/session.repository';
import { SessionController } from './auth/session.controller';
import { ErrorFilter } from './common/error.filter';
import { APP_CONFIG, type AppConfig } from './config/config';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { OutreachModule } from './monitoring/outreach/outreach.module';
import { ComplaintsModule } from './supervision/complaints/complaints.module';
import { DisclosureModule } from './supervision/disclosure/disclosure.module';
import { StatisticsModule } from './statistics/statistics.module';
import { CreditRecordsModule } from './supervision/credit-records/credit-records.module';
import { RecoveryModule } from './supervision/recovery/recovery.module';
import { FundsModule } from './funds/funds.module';
import { PolicyModule } from './policy-api/policy.module';
import { PolicyAdminModule } from './policy-admin/policy-admin.module';
import { CryptoMigrationModule } from './crypto-migration/crypto-migration.module';
import { PrismaModule } from './prisma/prisma.module';
import { RecheckCampaignsModule } from './recheck-campaigns/campaign.module';
import { RegistryModule } from './registry/registry.module';
import { TasksModule } from './tasks/tasks.module';
import { TaskCompletionModule } from './tasks/task-completion.module';
import { TemporalDeadlineInterceptor } from './temporal/temporal-deadline';
import { TemporalModule } from './temporal/temporal.module';
import { UsersModule } from './users/users.module';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.module';
import { LiveModule } from './live/live.module';
import { NotificationsModule } from './notifications/notifications.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Request id assigned before body parsing (app.factory.ts).
            genReqId: (req) => String((req as { id?: unknown }).id),
            // Never log tokens; bodies (personal data) are not logged at all, nor query strings
            // (a name or ID number searched for) or a receipt code: the request is its path only.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { req: loggedRequest },
            customProps: (req) => ({ requestId: (req as { id?: unknown }).id }),
          },
        }),
        PrismaModule,
        TemporalModule,
        AuditModule,
        PolicyAdminModule,
        CryptoMigrationModule,
        RegistryModule,
        ApplicationsModule,
        TasksModule,
        TaskCompletionModule,
        CasesModule,
        EnrolmentModule,
        RecheckCampaignsModule,
        EmergencyModule,
        ReserveFundModule,
        DeliberationModule,
        EscalationsModule,
        PolicyModule,
        CalendarModule,
        IncidentsModule,
        UsersModule,
        TemporalCodecModule,
        MonitoringModule,
        OutreachModule,
        AssistanceModule,
        ArchiveModule,
        ComplaintsModule,
        DisclosureModule,
        StatisticsModule,
        RecoveryModule,
        CreditRecordsModule,
        FundsModule,
        NotificationsModule,
        LiveModule,
      ],
      controllers: [HealthController, SessionController, ...(config.devTokensEnabled ? [DevTokenController] : [])],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        UserDirectory,
        LoginLockout,
        SessionRepository,
        SessionActivity,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: TemporalDeadlineInterceptor },
      ],
      exports: [APP_CONFIG, UserDirectory, LoginLockout, SessionActivity],
    };
  }
}
