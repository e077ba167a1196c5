import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class PartnerRoleRequestDto {
  @ApiProperty({ example: 'DE' })
  @Matches(/^[A-Za-z]{2}$/, { message: '$property must be two letters' })
  country_code: string;

  @ApiProperty({ example: 'ABC' })
  @Matches(/^[A-Za-z0-9]{3}$/, { message: '$property must be three letters or digits' })
  party_id: string;

  @ApiProperty({ enum: ['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP'] })
  @IsIn(['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP'])
  role: string;
}

export class CreatePartnerRequestDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    type: [PartnerRoleRequestDto],
    description: 'the roles this partner may register with',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PartnerRoleRequestDto)
  roles: PartnerRoleRequestDto[];

  @ApiPropertyOptional({
    description: 'accept `Authorization: Token <raw token>` from this partner',
  })
  @IsOptional()
  @IsBoolean()
  accept_raw_tokens?: boolean;

  @ApiPropertyOptional({
    enum: ['base64', 'raw'],
    description: 'how we send tokens to this partner',
  })
  @IsOptional()
  @IsIn(['base64', 'raw'])
  outgoing_token_encoding?: 'base64' | 'raw';
}

export class RegisterWithPartnerRequestDto {
  @ApiProperty({ description: "the partner's versions URL" })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  versions_url: string;

  @ApiProperty({ description: 'the Token A the partner issued to us' })
  @Matches(/^[\x21-\x7e]{1,64}$/, {
    message: '$property must be 1-64 printable non-whitespace ASCII',
  })
  token: string;
}

export class UpdatePartnerRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    description: 'accept `Authorization: Token <raw token>` from this partner',
  })
  @IsOptional()
  @IsBoolean()
  accept_raw_tokens?: boolean;

  @ApiPropertyOptional({
    enum: ['base64', 'raw'],
    description: 'how we send tokens to this partner',
  })
  @IsOptional()
  @IsIn(['base64', 'raw'])
  outgoing_token_encoding?: 'base64' | 'raw';
}
