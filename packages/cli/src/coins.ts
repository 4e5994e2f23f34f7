// Parse CLI coin arguments like "100uscrt" or "1uscrt,2ufoo".
export function parseCoinsArg(s: string): { denom: string; amount: string }[] {
  return s.split(',').map((part) => {
    const m = /^\s*(\d+)\s*([a-zA-Z][a-zA-Z0-9/:._-]{2,127})\s*$/.exec(part);
    if (!m) throw new Error(`invalid coin expression: ${JSON.stringify(part)} (expected e.g. 100uscrt)`);
    return { denom: m[2]!, amount: BigInt(m[1]!).toString() };
  });
}
