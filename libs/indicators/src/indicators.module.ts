import { Module } from '@nestjs/common';
import { DossierIntakeRepository } from './dossier-intake.repository';
import { IndicatorsService } from './indicators.service';

@Module({ providers: [DossierIntakeRepository, IndicatorsService], exports: [IndicatorsService] })
export class IndicatorsModule {}
