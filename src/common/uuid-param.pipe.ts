import { Param, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { refuse } from './refusals';

const Uuid = z.uuid();

const uuidPipe = (name: string): PipeTransform<string, string> => ({
  transform(value: string) {
    if (!Uuid.safeParse(value).success) {
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: `param.${name}`, code: 'invalid_format', message: '须为 UUID' },
      ]);
    }
    return value;
  },
});

/** Path ids are UUIDs; anything else is a 400 with the field named, not a database error. */
export const UuidParam: PipeTransform<string, string> = uuidPipe('id');

/** `@UuidPath() id`: the `id` path parameter, checked as above and documented as a UUID. */
export const UuidPath = (name = 'id'): ParameterDecorator => Param(name, { schema: Uuid, pipes: [uuidPipe(name)] });
