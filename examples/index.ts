import { App, Chart } from 'cdk8s';
import { cheeseApp } from './cheese-app';
import { ticTacToe } from './tic-tac-toe';
import { twoApis } from './two-apis';

/** Every example, by output folder name (`dist/examples/<name>/`). */
export const EXAMPLES: Readonly<Record<string, (app: App) => Chart>> = {
  'cheese-app': cheeseApp,
  'tic-tac-toe': ticTacToe,
  'two-apis': twoApis,
};
