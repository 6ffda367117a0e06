import { Injectable } from '@nestjs/common';

/** Where "now" comes from for live indicators and relative periods (ytd, rolling-30d); tests pin it. */
@Injectable()
export class IndicatorClock {
  now(): Date {
    return new Date();
  }
}
