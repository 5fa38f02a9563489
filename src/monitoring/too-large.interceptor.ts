import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { refusal } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** Multer stops a file past the limit with a bare 413; this says which limit, in Chinese. */
@Injectable()
export class TooLargeInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((e: unknown) =>
          throwError(() =>
            e instanceof PayloadTooLargeException
              ? refusal(
                  'DATA_FILE_TOO_LARGE',
                  `文件超过 ${this.config.MONITORING_UPLOAD_MAX_MB} MB 的上传上限，请拆分为多个文件上传`,
                )
              : e,
          ),
        ),
      );
  }
}
