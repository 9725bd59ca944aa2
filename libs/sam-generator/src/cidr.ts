function ipv4ToNumber(address: string): number | undefined {
  const octets = address.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) {
    return undefined;
  }
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * `Fn::Cidr` for IPv4: `count` consecutive subnets of `2^cidrBits` addresses carved from the start
 * of `ipBlock`. Throws a readable message when the block cannot hold them.
 */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] {
  const [address, prefixText] = ipBlock.split('/');
  const base = ipv4ToNumber(address);
  const prefix = Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new Error(`'${ipBlock}' is not an IPv4 CIDR block`);
  }
  const subnetPrefix = 32 - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || subnetPrefix < prefix) {
    throw new Error(`cidrBits ${cidrBits} does not fit in /${prefix}`);
  }
  const available = 2 ** (subnetPrefix - prefix);
  if (!Number.isInteger(count) || count < 1 || count > available) {
    throw new Error(`${count} subnets of /${subnetPrefix} do not fit in ${ipBlock}`);
  }
  const size = 2 ** cidrBits;
  const network = base - (base % 2 ** (32 - prefix));
  return Array.from(
    { length: count },
    (_, index) => `${numberToIpv4(network + index * size)}/${subnetPrefix}`,
  );
}
