// The editions API's JSON as these pages read it: the server's types (type-only imports).
export type { EditionView as Edition } from '../../../src/services/editions.ts';
export type { EditionDiff, FieldChange, ParameterChange, TextOp } from '../../../src/core/edition-diff.ts';
export type { SimulationReport } from '../../../src/services/simulation.ts';
export type { PopulationView as Population } from '../../../src/services/populations.ts';
export type { ParameterView as Parameter } from '../../../src/services/delivery-views.ts';
