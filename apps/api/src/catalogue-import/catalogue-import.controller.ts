import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { createZodDto } from '../http/zod-dto';
import { z } from 'zod';
import { Access, ROLE_SETS } from '@dvc/access';
import {
  CatalogueImportService,
  importKindSchema,
  importReportSchema,
  sheetFormatOfContentType,
  sheetFormatOfFileName,
  XLSX_CONTENT_TYPE,
} from '@dvc/catalogue';
import { DomainError } from '@dvc/domain-errors';
import { ApiErrorResponses, ErrorResponseDto } from '../catalogue/error-response.dto';
import { fileOfMultipart } from './multipart-file';

/** The largest file the import endpoint takes (a province's catalogue is far smaller). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

class ImportQueryDto extends createZodDto(
  z
    .object({
      kind: importKindSchema
        .optional()
        .describe(
          'What the file holds; required for CSV. For a workbook: import only the sheet of this kind',
        ),
      dryRun: z
        .enum(['true', 'false', '1', '0'])
        .default('false')
        .transform((value) => value === 'true' || value === '1')
        .describe('Check every row (references against the catalogue too) and write nothing'),
    })
    .strict(),
) {}
class ImportReportDto extends createZodDto(importReportSchema) {}

@ApiTags('catalogue')
@Controller('v1/catalogue/imports')
export class CatalogueImportController {
  constructor(private readonly imports: CatalogueImportService) {}

  @Post()
  @HttpCode(200)
  @Access({ roles: ROLE_SETS.administer })
  @ApiOperation({
    operationId: 'importCatalogue',
    summary: 'Import agencies, lineage, procedures with levels, or targets from CSV or XLSX',
    description:
      'The raw file is the body (at most 20 MB), or a browser form upload (multipart/form-data) holding it. A workbook imports its sheets named agencies, lineage, ' +
      'procedures, targets (or Cơ quan, Kế thừa, Thủ tục, Chỉ tiêu) in that order; a CSV file needs `kind`. ' +
      'Answers 200 with a report even when rows are bad: bad rows are listed (sheet, row, column, reason) and ' +
      'not written, good rows are written in one transaction. Importing the same file again changes nothing. ' +
      'Column layouts: docs/catalogue-import.md.',
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE, 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiErrorResponses(400)
  @ApiResponse({ status: 413, description: 'The file is larger than 20 MB', type: ErrorResponseDto })
  @ApiResponse({ status: 415, description: 'Neither CSV, XLSX nor a form upload', type: ErrorResponseDto })
  async importCatalogue(@Req() request: Request, @Query() query: ImportQueryDto): Promise<ImportReportDto> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const contentType = request.headers['content-type'] ?? '';
    if (/^multipart\/form-data/i.test(contentType)) {
      // A browser's form upload: the file's name says what it is, as on the command line.
      const file = await fileOfMultipart(contentType, body);
      const format =
        sheetFormatOfContentType(file.contentType, file.content) ??
        sheetFormatOfFileName(file.fileName, file.content);
      return this.imports.import(
        { content: file.content, format },
        { kind: query.kind, dryRun: query.dryRun },
      );
    }
    const content = body;
    const format = sheetFormatOfContentType(request.headers['content-type'], content);
    if (!format) {
      throw new DomainError(
        'unsupported_media_type',
        `send the file as text/csv or ${XLSX_CONTENT_TYPE}, not ${request.headers['content-type'] ?? 'no content type'}`,
      );
    }
    return this.imports.import({ content, format }, { kind: query.kind, dryRun: query.dryRun });
  }
}
