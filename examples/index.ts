import { App, Chart } from 'cdk8s';
import { cheeseApp } from './cheese-app';
import { plusWorker } from './plus-worker';
import { ticTacToe } from './tic-tac-toe';
import { twoApis } from './two-apis';

/** Every example, by output folder name (`dist/examples/<name>/`). */
export const EXAMPLES: Readonly<Record<string, (app: App) => Chart>> = {
  'cheese-app': cheeseApp,
  'plus-worker': plusWorker,
  'tic-tac-toe': ticTacToe,
  'two-apis': twoApis,
};
