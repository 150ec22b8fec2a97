export const ok = () => 'ok';
