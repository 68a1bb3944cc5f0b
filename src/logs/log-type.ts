/** The kinds of log the commands read. */
export type LogType = 'vpc' | 'alb' | 'nlb' | 'clb' | 'alb-conn';

export const LOG_TYPES: readonly LogType[] = ['vpc', 'alb', 'nlb', 'clb', 'alb-conn'];
