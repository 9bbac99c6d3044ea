/// Matches region and source values from exports to plan ids (SPEC §2, §8.5): by id,
/// else by exact name after trimming and NFC normalisation, else by alias. Nothing fuzzier.
struct ValueMatcher {
    private var regions: [String: Region.ID] = [:]
    private var sources: [Region.ID: [String: Source.ID]] = [:]
    let regionIds: [Region.ID]
    private let sourceIdsByRegion: [Region.ID: [Source.ID]]
    /// What a value may be written as, for "did you mean" hints: ids, names and aliases.
    let regionNames: [String]
    private let sourceNamesByRegion: [Region.ID: [String]]

    init(plan: Plan) {
        regionIds = plan.regions.map(\.id)
        var sourceIds: [Region.ID: [Source.ID]] = [:]
        // Lowest priority first; later assignments win.
        for (alias, id) in plan.results.aliases["region"] ?? [:] { regions[alias] = Region.ID(id) }
        for region in plan.regions { regions[Names.normalized(region.name)] = region.id }
        for region in plan.regions { regions[region.id.rawValue] = region.id }
        for region in plan.regions {
            var map: [String: Source.ID] = [:]
            let ids = Set(region.sources.map(\.id))
            for (alias, id) in plan.results.aliases["source"] ?? [:] where ids.contains(Source.ID(id)) { map[alias] = Source.ID(id) }
            for source in region.sources { map[Names.normalized(source.name)] = source.id }
            for source in region.sources { map[source.id.rawValue] = source.id }
            sources[region.id] = map
            sourceIds[region.id] = region.sources.map(\.id)
        }
        sourceIdsByRegion = sourceIds
        // Each spelling once, ids first.
        var seen: Set<String> = []
        regionNames = (plan.regions.map(\.id.rawValue) + plan.regions.map(\.name) + (plan.results.aliases["region"] ?? [:]).keys.sorted())
            .filter { seen.insert($0).inserted }
        var names: [Region.ID: [String]] = [:]
        for region in plan.regions {
            let ids = Set(region.sources.map(\.id.rawValue))
            var seen: Set<String> = []
            names[region.id] = (region.sources.map(\.id.rawValue) + region.sources.map(\.name)
                + (plan.results.aliases["source"] ?? [:]).filter { ids.contains($0.value) }.keys.sorted())
                .filter { seen.insert($0).inserted }
        }
        sourceNamesByRegion = names
    }

    func sourceNames(region: Region.ID) -> [String] { sourceNamesByRegion[region] ?? [] }

    func region(_ value: String) -> Region.ID? {
        regions[value] ?? regions[Names.normalized(value)]
    }

    func source(_ value: String, region: Region.ID) -> Source.ID? {
        guard let map = sources[region] else { return nil }
        return map[value] ?? map[Names.normalized(value)]
    }

    func sourceIds(region: Region.ID) -> [Source.ID] { sourceIdsByRegion[region] ?? [] }
}
