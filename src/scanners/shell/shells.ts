/** Shell programs: what one of them is given to run (a `-c` string, its stdin, a file) is a script. */
export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'ash', 'busybox']);
