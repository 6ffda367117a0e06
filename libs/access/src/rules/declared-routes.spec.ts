import { Controller, Delete, Get, Module, Post } from '@nestjs/common';
import { Access } from './access.decorator';
import { controllerRoutes, moduleControllers } from './declared-routes';

@Controller('v1/things')
@Access({ roles: ['admin'] })
class ThingsController {
  @Get()
  @Access({ roles: ['admin', 'analyst'] })
  list() {}

  @Post()
  create() {}

  @Get([':id', ':id/again'])
  one() {}

  helper() {}
}

@Controller()
class BareController {
  @Delete('gone')
  remove() {}
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

@Module({})
class DynamicHost {}

@Module({ imports: [ThingsModule, { module: DynamicHost, controllers: [BareController] }] })
class RootModule {}

describe('controllerRoutes', () => {
  it("lists a route per path with the handler's rule, else the controller's", () => {
    expect(controllerRoutes(ThingsController)).toEqual([
      { method: 'GET', path: '/v1/things', rule: { roles: ['admin', 'analyst'] } },
      { method: 'POST', path: '/v1/things', rule: { roles: ['admin'] } },
      { method: 'GET', path: '/v1/things/:id', rule: { roles: ['admin'] } },
      { method: 'GET', path: '/v1/things/:id/again', rule: { roles: ['admin'] } },
    ]);
    expect(controllerRoutes(BareController)).toEqual([{ method: 'DELETE', path: '/gone', rule: undefined }]);
  });
});

describe('moduleControllers', () => {
  it('finds the controllers of imported and dynamic modules, each once', () => {
    expect(moduleControllers([RootModule, ThingsModule])).toEqual([ThingsController, BareController]);
  });
});
