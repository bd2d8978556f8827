/// Names, phones and blood types for the synthetic city, drawn with realistic frequencies.
enum SyntheticPeople {
    /// Common surnames with weights close to their share of the population (per mille):
    /// the top ten cover about 40 % of people in northern China.
    static let surnames = WeightedTable<String>([
        ("王", 72), ("李", 70), ("张", 67), ("刘", 54), ("陈", 45), ("杨", 32), ("赵", 22),
        ("黄", 22), ("周", 20), ("吴", 19), ("徐", 14), ("孙", 14), ("胡", 12), ("朱", 11),
        ("高", 11), ("林", 10), ("何", 10), ("郭", 13), ("马", 10), ("罗", 8), ("梁", 8),
        ("宋", 7), ("郑", 7), ("谢", 6), ("韩", 7), ("唐", 5), ("冯", 5), ("于", 5), ("董", 5),
        ("萧", 4), ("程", 5), ("曹", 5), ("袁", 4), ("邓", 4), ("许", 4), ("傅", 4), ("沈", 3),
        ("曾", 3), ("彭", 3), ("吕", 4), ("苏", 4), ("卢", 3), ("蒋", 3), ("蔡", 3), ("贾", 4),
        ("丁", 3), ("魏", 3), ("薛", 3), ("叶", 3), ("阎", 3), ("段", 3), ("霍", 2), ("武", 3),
        ("乔", 2), ("白", 2), ("温", 2), ("闫", 3), ("郝", 3), ("常", 2), ("欧阳", 1),
    ])

    static let maleCharacters = Array("伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文东晨博亮峰海成")
    static let femaleCharacters = Array("芳娜敏静丽艳娟霞燕玲丹萍红玉兰慧琳婷雪颖倩洁佳欣悦瑶怡琪梦晶蕾璐薇岚媛")
    static let neutralCharacters = Array("晓子一思雨嘉文欣宇安若可心永春秋金")

    /// A Chinese name: a surname and a one- or two-character given name; most given names
    /// have two characters, and a shared character such as 晓 often leads.
    static func name(sex: Sex, rng: inout SplitMix64) -> String {
        let surname = surnames.pick(&rng)
        let own = sex == .male ? maleCharacters : femaleCharacters
        if rng.chance(0.2) { return surname + String(rng.pick(own)) }
        let first = rng.chance(0.3) ? rng.pick(neutralCharacters) : rng.pick(own)
        var second = rng.pick(own)
        // "伟伟" happens, but rarely; mostly the two characters differ.
        if second == first, !rng.chance(0.1) { second = rng.pick(own) }
        return surname + String(first) + String(second)
    }

    /// Mobile prefixes of the three carriers (13x, 15x, 17x, 18x, 19x blocks).
    static let mobilePrefixes = [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159",
        "173", "175", "176", "177", "178",
        "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
        "191", "195", "198", "199",
    ]

    /// An 11-digit mobile number for about 85 % of donors; the rest never gave one.
    static func phone(rng: inout SplitMix64) -> String? {
        guard rng.chance(0.85) else { return nil }
        return rng.pick(mobilePrefixes) + SyntheticIDNumbers.pad(rng.below(100_000_000), 8)
    }

    /// ABO in the Han Chinese proportions (A 28, B 31, O 32, AB 9 per cent); RhD negative is
    /// rare in China, about 0.4 %.
    static let abo = WeightedTable<BloodType.ABO>([(.a, 28), (.b, 31), (.o, 32), (.ab, 9)])

    static func bloodType(rng: inout SplitMix64) -> BloodType {
        BloodType(abo: abo.pick(&rng), rhPositive: !rng.chance(0.004))
    }
}
