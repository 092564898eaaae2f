// mistral-tokenizer-js ships no types.
declare module 'mistral-tokenizer-js' {
  const mistralTokenizer: { encode: (prompt: string, addBosToken?: boolean, addPrecedingSpace?: boolean) => number[] };
  export default mistralTokenizer;
}
