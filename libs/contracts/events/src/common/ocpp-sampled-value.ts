import { IsIn, IsNumber, IsString, MaxLength } from 'class-validator';
import { IsOptionalField, IsUtcDateTime } from './validators';
import {
  MeasurementLocations,
  Measurands,
  Phases,
  ReadingContexts,
  UnitsOfMeasure,
  type MeasurementLocation,
  type Measurand,
  type Phase,
  type ReadingContext,
  type UnitOfMeasure,
} from './ocpp-enums';

/**
 * One OCPP sampled value, flattened with the timestamp of the `MeterValue` it belonged to. The
 * gateway fills the OCPP defaults (`Energy.Active.Import.Register`, `Wh`, `Sample.Periodic`,
 * `Outlet`) so consumers never have to, and parses the value into a number.
 */
export class OcppSampledValueV1 {
  /** When the value was measured (the enclosing `MeterValue.timestamp`), UTC. */
  @IsUtcDateTime()
  timestamp: string;

  /** The measured value in `unit`. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;

  @IsIn(Measurands)
  measurand: Measurand;

  @IsIn(UnitsOfMeasure)
  unit: UnitOfMeasure;

  @IsIn(ReadingContexts)
  context: ReadingContext;

  @IsIn(MeasurementLocations)
  location: MeasurementLocation;

  @IsOptionalField()
  @IsIn(Phases)
  phase?: Phase;

  /** Signed meter data as sent by the meter (OCPP `SignedData` format / 2.0.1 `signedMeterValue`). */
  @IsOptionalField()
  @IsString()
  @MaxLength(5000)
  signedMeterValue?: string;
}
