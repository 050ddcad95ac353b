export { applyContentManagerViews } from './apply';
export { registerMoneyField } from './money-field';
