import { D } from '../../../../server/src/settlement/money';

/** ¥ with two decimals from fen, exactly (decimal.js: no float division on the way). */
export const yuan = (fen: number) => `¥${new D(fen).div(100).toFixed(2)}`;
