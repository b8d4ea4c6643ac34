/** File names of a tensor bundle written under a prefix. */
export const indexPath = (prefix: string) => `${prefix}.index`;
export const shardPath = (prefix: string, shard: number, numShards: number) =>
  `${prefix}.data-${String(shard).padStart(5, '0')}-of-${String(numShards).padStart(5, '0')}`;
