import { IsIn, IsString } from 'class-validator';
import { IsOcpiRequiredIf, isPresent } from '../common/ocpi-fields';
import { IsOcpiCiString, IsOcpiOptional, IsOcpiString } from '../common/ocpi-validators';
import { TokenTypes, type TokenType } from '../sessions/session.enums';

/**
 * OCPI 2.2.1 `PublishTokenType` class: a token a non-published Location may be shown to.
 * At least one of `uid`, `visual_number`, `group_id`; `uid` ⇒ `type`; `visual_number` ⇒ `issuer`.
 */
export class PublishTokenTypeDto {
  @IsOcpiRequiredIf(
    (o) => !isPresent(o.visual_number) && !isPresent(o.group_id),
    'at least one of uid, visual_number or group_id must be set',
  )
  @IsString()
  @IsOcpiCiString(36)
  uid?: string | null;

  @IsOcpiRequiredIf((o) => isPresent(o.uid), 'type is required when uid is set')
  @IsIn(TokenTypes)
  type?: TokenType | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(64)
  visual_number?: string | null;

  @IsOcpiRequiredIf(
    (o) => isPresent(o.visual_number),
    'issuer is required when visual_number is set',
  )
  @IsString()
  @IsOcpiString(64)
  issuer?: string | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  group_id?: string | null;
}
