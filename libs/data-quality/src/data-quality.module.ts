import { Module } from '@nestjs/common';
import { DataQualityRepository } from './data-quality.repository';
import { DataQualityService } from './data-quality.service';

@Module({ providers: [DataQualityRepository, DataQualityService], exports: [DataQualityService] })
export class DataQualityModule {}
