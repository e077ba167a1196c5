import { IsString, Length } from 'class-validator';
import { IsOcpiString } from './ocpi-validators';

/** OCPI 2.2.1 `DisplayText` class (types, DisplayText). */
export class DisplayTextDto {
  /** ISO 639-1 language code. */
  @IsString()
  @Length(2, 2)
  language: string;

  /** Text to be displayed to an end user; no markup, HTML etc. allowed. */
  @IsString()
  @IsOcpiString(512)
  text: string;
}
