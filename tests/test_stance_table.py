"""A table of sentences, each with the exact stances a reader sees in it.

Written for this test (none is taken from the shared articles), one phenomenon a
row: cue words of each kind, negation and modality, quotations and their
speakers, reported stances, pronouns and titles, groups and institutions,
clauses and short forms as targets. Each row asserts the whole set of
(holder, polarity, target) labels the extractor gives, so an extra stance fails
as surely as a missing one.
"""
from __future__ import annotations

import pytest

from stancegraph.extract.records import Article, Paragraph

pytestmark = pytest.mark.model

S, O, N = "support", "oppose", "neutral"

CASES = [
    # --- verb cues -------------------------------------------------------------------------
    ("verb-support", "Germany supports the sanctions.", {("Germany", S, "sanctions")}),
    ("verb-back", "The Dutch government backed the proposal on Tuesday.", {("Dutch government", S, "proposal")}),
    ("verb-endorse", "Chancellor Ingrid Haller endorsed the pension reform.", {("Ingrid Haller", S, "pension reform")}),
    ("verb-welcome", "The World Bank welcomed the debt relief deal.", {("World Bank", S, "debt relief deal")}),
    ("verb-approve", "Parliament approved the budget on Friday.", {("Parliament", S, "budget")}),
    ("verb-oppose", "Senator Maria Lopez opposes the tax increase.", {("Maria Lopez", O, "tax increase")}),
    ("verb-reject", "Norway rejected the fishing agreement.", {("Norway", O, "fishing agreement")}),
    ("verb-condemn", "Amnesty International condemned the crackdown.", {("Amnesty International", O, "crackdown")}),
    ("verb-criticise", "The opposition leader Tomas Berg criticised the austerity package.", {("Tomas Berg", O, "austerity package")}),
    ("verb-veto", "President Alvaro Ruiz vetoed the bill.", {("Alvaro Ruiz", O, "bill")}),
    ("verb-denounce", "The union denounced the merger.", set()),
    ("verb-block", "Hungary blocked the sanctions package.", {("Hungary", O, "sanctions package")}),
    ("verb-boycott", "Several unions boycotted the referendum.", set()),
    ("verb-praise", "Kenya praised the ceasefire.", {("Kenya", S, "ceasefire")}),
    ("verb-propose", "Spain proposed a new migration pact.", {("Spain", S, "migration pact")}),
    # --- phrasal and particle cues -----------------------------------------------------------
    ("call-for", "Human Rights Watch called for an independent inquiry.", {("Human Rights Watch", S, "independent inquiry")}),
    ("support-came-from", "Support for the ceasefire plan came from Egypt and Qatar.",
     {("Egypt", S, "ceasefire plan"), ("Qatar", S, "ceasefire plan")}),
    # "to sign" parsed as the rejecter's own clause: the calls' infinitive is hung back on "calls"
    ("calls-to-rejected", "Governor Tim Walsh rejected calls from Senator Ann Moss to sign the bill.",
     {("Tim Walsh", O, "sign the bill")}),
    # a gerund object, which the parse makes the verb's clause
    ("gerund-object", "The Labour Party opposes extending the retirement age.",
     {("Labour Party", O, "extending the retirement age")}),
    ("gerund-object-conj", "Germany discussed and opposed sending more tanks.", {("Germany", O, "sending more tanks")}),
    ("distance-from", "Labour leader Tom Reid distanced himself from the plan to nationalise the railways.",
     {("Tom Reid", O, "plan to nationalise the railways")}),
    ("turn-down", "Acme Corp turned down the takeover bid.", {("Acme Corp", O, "takeover bid")}),
    ("sign-up-to", "Canada signed up to the climate pact.", {("Canada", S, "climate pact")}),
    ("vote-against", "Poland voted against the emissions law.", {("Poland", O, "emissions law")}),
    ("vote-for", "Italy voted for the resolution.", {("Italy", S, "resolution")}),
    ("speak-against", "Senator Paul Greene spoke against the arms sale.", {("Paul Greene", O, "arms sale")}),
    ("push-for", "France pushed for a carbon tax.", {("France", S, "carbon tax")}),
    ("campaign-against", "Greenpeace campaigned against the pipeline plan.", {("Greenpeace", O, "pipeline plan")}),
    # --- noun cues ---------------------------------------------------------------------------
    ("noun-support-for", "Estonia voiced strong support for the accession talks.", {("Estonia", S, "accession talks")}),
    ("noun-opposition-to", "Farmers expressed opposition to the trade deal.", {("Farmers", O, "trade deal")}),
    ("noun-possessive", "Canada's support for the treaty surprised observers.", {("Canada", S, "treaty")}),
    ("noun-call", "Brazil repeated its call for a ceasefire.", {("Brazil", S, "ceasefire")}),
    ("noun-backing", "Japan gave its backing to the reform plan.", {("Japan", S, "reform plan")}),
    # what people do against a proposal: theirs where they hold or voice it, not where it is done to them
    ("noun-protest-in", "The Teachers' Union marched in protest against the pension reform.",
     {("Teachers' Union", O, "pension reform")}),
    ("noun-protest-staged", "The Students' Union staged protests over the tuition fee increase.",
     {("Students' Union", O, "tuition fee increase")}),
    ("noun-outrage", "The Green Party voiced outrage over the decision to expand the airport.",
     {("Green Party", O, "decision to expand the airport")}),
    ("noun-protest-not-theirs", "The Interior Ministry allowed protests against the pension reform.", set()),
    ("noun-blessing", "The European Commission gave its blessing to the merger.", {("European Commission", S, "merger")}),
    # --- adjective cues ----------------------------------------------------------------------
    ("adj-opposed", "Portugal is opposed to the tariff.", {("Portugal", O, "tariff")}),
    ("adj-critical", "The central bank was critical of the stimulus package.", {("central bank", O, "stimulus package")}),
    ("adj-in-favour", "Ireland is in favour of the treaty.", {("Ireland", S, "treaty")}),
    ("adj-skeptical", "Denmark remains skeptical about the merger.", {("Denmark", O, "merger")}),
    ("adj-undecided", "Finland is undecided on the referendum.", {("Finland", N, "referendum")}),
    ("yet-to", "Senator Ruth Adams has yet to endorse the infrastructure bill.", {("Ruth Adams", N, "infrastructure bill")}),
    # a conjunct with a subject of its own is not the first subject's ("the governor has yet to back it")
    ("conj-own-subject", "Senator Jo Dunn has endorsed the bill, but the governor has yet to back it.",
     {("Jo Dunn", S, "bill")}),
    # --- negation and modality ---------------------------------------------------------------
    ("neg-direct", "Austria does not support the sanctions.", {("Austria", O, "sanctions")}),
    ("neg-never", "Belgium has never backed the proposal.", {("Belgium", O, "proposal")}),
    ("neg-oppose", "Sweden did not oppose the merger.", {("Sweden", N, "merger")}),
    ("neg-governing", "Rolf Jensen said it does not mean he can support the whole plan.", {("Rolf Jensen", N, "plan")}),
    ("neg-say", "Mexico would not say whether it backs the treaty.", {("Mexico", N, "treaty")}),
    ("question-whether", "Reporters asked Chancellor Anna Weiss whether she supports the ban.", set()),
    ("modal-should", "Greece said the bailout should happen now.", {("Greece", S, "bailout")}),
    ("modal-should-not", "Chile said the tax should not happen.", {("Chile", O, "tax")}),
    ("abstain", "China abstained on the resolution.", {("China", N, "resolution")}),
    ("wont-endorse", "Senator Paul Greene won't endorse the pension reform.", {("Paul Greene", N, "pension reform")}),
    ("declined-to-endorse", "The party declined to endorse the trade deal.", set()),
    ("declined-to-endorse-named", "Estonia declined to endorse the trade deal.", {("Estonia", N, "trade deal")}),
    ("neutral-on", "Switzerland remained neutral on the sanctions.", {("Switzerland", N, "sanctions")}),
    # a "withheld" cue: no side by itself, neutral where the judgement is not (yet) made
    ("withheld-not-taken", "The Dutch government has not taken a position on the sanctions.",
     {("Dutch government", N, "sanctions")}),
    ("withheld-no-position", "Estonia said it would take no position on the treaty.", {("Estonia", N, "treaty")}),
    ("withheld-yet-to", "Norway has yet to take a position on the fishing agreement.",
     {("Norway", N, "fishing agreement")}),
    ("withheld-before-deciding", "Chile will wait for the report before deciding on the trade deal.",
     {("Chile", N, "trade deal")}),
    ("withheld-taken", "Finland took a firm position on the sanctions.", set()),
    ("declined-to-say-whether", "Senator Paul Greene declined to say whether he backs the pension reform.",
     {("Paul Greene", N, "pension reform")}),
    ("torn-over", "Greece is torn over the bailout.", {("Greece", N, "bailout")}),
    ("neither-nor", "Poland neither supported nor opposed the sanctions.", {("Poland", N, "sanctions")}),
    ("neither-subjects", "Neither Germany nor France will back the plan.", {("Germany", O, "plan"), ("France", O, "plan")}),
    ("weighing", "Chile is weighing the trade deal.", {("Chile", N, "trade deal")}),
    ("weighed-in-is-no-weighing", "Norway weighed in against the fishing agreement.", set()),
    # --- quotations ---------------------------------------------------------------------------
    ("quote-after", "\u201cWe reject this agreement,\u201d Prime Minister Lena Vos said.", {("Lena Vos", O, "agreement")}),
    ("quote-before", "Lena Vos said: \u201cWe support the new constitution.\u201d", {("Lena Vos", S, "constitution")}),
    ("quote-split", "\u201cWe will never accept this treaty,\u201d Hugo Marin said, \u201cbecause it hurts our farmers.\u201d", {("Hugo Marin", O, "treaty")}),
    ("quote-spanning", "Hugo Marin spoke to reporters on Monday.\n\u201cI oppose the levy. It will hurt farmers.\u201d", {("Hugo Marin", O, "levy")}),
    ("quote-added", "Anna Weiss spoke first. \u201cWe cannot accept the deal,\u201d she added.", {("Anna Weiss", O, "deal")}),
    ("quote-straight", "\"We welcome the truce,\" said Omar Haddad.", {("Omar Haddad", S, "truce")}),
    # --- reported stances ---------------------------------------------------------------------
    ("reported", "Hugo Marin said Peru agreed to the plan.", {("Peru", S, "plan")}),
    ("reported-oppose", "Anna Weiss said Italy rejected the pact.", {("Italy", O, "pact")}),
    ("according-to", "According to Finance Minister Jon Berg, the spending cuts are a mistake.",
     {("Jon Berg", O, "spending cuts")}),
    # --- pronouns, titles and chains ----------------------------------------------------------
    ("pronoun-he", "Carlos Mendez arrived in Rome on Monday. He rejected the proposal.", {("Carlos Mendez", O, "proposal")}),
    ("pronoun-she", "Sofia Lind met the press. She endorsed the bill.", {("Sofia Lind", S, "bill")}),
    ("pronoun-chain", "Sofia Lind spoke first. She thanked the staff. She also backed the reform.", {("Sofia Lind", S, "reform")}),
    ("pronoun-they", "The farmers' union met on Monday. They rejected the subsidy cut.", {("farmers' union", O, "subsidy cut")}),
    ("title", "President Ivan Petrov visited Berlin. The president later endorsed the pipeline deal.", {("Ivan Petrov", S, "pipeline deal")}),
    ("appositive-title", "The finance minister, Laura Kim, rejected the spending plan.", {("Laura Kim", O, "spending plan")}),
    ("surname", "Jonas Ek leads the party. Ek opposes the tariff.", {("Jonas Ek", O, "tariff")}),
    # --- groups and institutions --------------------------------------------------------------
    ("group-demonym", "Baltic states voiced support for the sanctions.", {("Baltic states", S, "sanctions")}),
    ("group-party", "Senate Democrats blocked the bill.", {("Senate Democrats", O, "bill")}),
    ("government-demonym", "The Romanian government rejected the proposal.", {("Romanian government", O, "proposal")}),
    ("parliament-approve", "The Portuguese parliament approved the motion.", {("Portuguese parliament", S, "motion")}),
    ("court", "The Supreme Court rejected the appeal.", {("Supreme Court", O, "appeal")}),
    ("acronym", "The African Development Bank (AfDB) backed the loan. The AfDB later praised the reform.", {("African Development Bank", S, "loan"), ("African Development Bank", S, "reform")}),
    ("alias-us", "The U.S. opposed the resolution.", {("United States", O, "resolution")}),
    ("conjunct-holders", "Chile and Peru backed the accord.", {("Chile", S, "accord"), ("Peru", S, "accord")}),
    ("spokesperson-body", "Mark Hale, a spokesman for Oxfam, said: \u201cWe condemn the blockade.\u201d", {("Mark Hale", O, "blockade"), ("Oxfam", O, "blockade")}),
    ("spokesperson-for-body-name", "A spokesman for Oxfam, Mark Hale, condemned the blockade.",
     {("Mark Hale", O, "blockade"), ("Oxfam", O, "blockade")}),
    # --- targets that are clauses, short forms, pronouns ----------------------------------------
    ("urge-clause", "Norway urged the rebels to release the hostages.", {("Norway", S, "release the hostages")}),
    ("ask-clause", "The mayor Ana Costa asked the council to approve the budget.", {("Ana Costa", S, "budget")}),
    ("demand-that", "Protesters demanded that the government withdraw the law.", {("Protesters", S, "withdraw the law")}),
    ("agree-to", "Ecuador agreed to restore diplomatic ties.", {("Ecuador", S, "restore diplomatic ties")}),
    ("refuse-to", "Serbia refused to sign the accord.", {("Serbia", O, "accord")}),
    ("refuse-clause", "Albania refused to extradite the suspects.", {("Albania", O, "extradite the suspects")}),
    ("retract-support", "Kenya withdrew its support for the peace plan.", {("Kenya", O, "peace plan")}),
    ("agent-noun-attr", "Mayor Joan Pell is a strong supporter of the smoking ban.", {("Joan Pell", S, "smoking ban")}),
    ("agent-noun-appos", "Ruth Adams, a longtime opponent of the sugar tax, spoke at the rally.",
     {("Ruth Adams", O, "sugar tax")}),
    ("agent-noun-bygone", "Senator Ruth Adams is a former critic of the sugar tax.", set()),
    ("retract-opposition", "The Liberal Party dropped its opposition to the tax bill.", {("Liberal Party", S, "tax bill")}),
    ("short-form", "Italy unveiled a Green Energy Plan. Germany later endorsed the plan.", {("Italy", S, "Green Energy Plan"), ("Germany", S, "Green Energy Plan")}),
    ("pronoun-target", "Spain tabled the asylum reform on Monday. Portugal supports it.", {("Spain", S, "asylum reform"), ("Portugal", S, "asylum reform")}),
    ("idea", "Spain proposed a joint patrol scheme. Morocco welcomed the idea.", {("Spain", S, "joint patrol scheme"), ("Morocco", S, "joint patrol scheme")}),
    ("plan-to", "Labour has a plan to cut rail fares.", {("Labour", S, "plan to cut rail fares")}),
    ("intention-to", "Maria Lopez announced her intention to run for mayor.", {("Maria Lopez", S, "run for mayor")}),
    ("proposer-possessive", "Labour's housing plan drew criticism.", {("Labour", S, "housing plan")}),
    ("proposer-demonym", "Diplomats discussed a Swedish proposal to divide the region.", {("Sweden", S, "Swedish proposal to divide the region")}),
    ("proposer-by", "A planned march by the Green Youth Alliance was cancelled.", {("Green Youth Alliance", S, "planned march")}),
    ("unless-demand", "The rebels said they would keep fighting unless the army withdraws its troops.", {("rebels", S, "withdraw its troops")}),
    ("if-not-demand", "Kofi Mensah warned that violence would return if reforms are not implemented.", {("Kofi Mensah", S, "reforms")}),
    ("passive-clause", "Oxfam made an appeal asking that the prisoners be released.", {("Oxfam", S, "release the prisoners")}),
    ("press-not-to", "Turkey pressed Sweden not to extradite the journalist.", {("Turkey", O, "extradite the journalist")}),
    ("agree-that-not", "Chile agreed that the alliance would not admit new members.", {("Chile", O, "admit new members")}),
    ("agree-that-never", "Peru agreed that the bloc would never lift the tariffs.", {("Peru", O, "lift the tariffs")}),
    ("priorities-include", "The mayor, Ana Costa, set out her goals, which include cutting bus fares and building new schools.", {("Ana Costa", S, "cutting bus fares"), ("Ana Costa", S, "building new schools")}),
    ("appeal-to", "The bishops appealed to all parties to respect the ceasefire.", set()),
    ("document-holder", "A European Union report recommends sanctions against the settlers. The report also backs the border plan.", {("European Union report", S, "sanctions against the settlers"), ("European Union report", S, "border plan")}),
    ("accuse-of", "Human Rights Watch accused the junta of rigging the election.", {("Human Rights Watch", O, "rigging the election")}),
    # --- passives and participles -------------------------------------------------------------
    ("passive-by", "The treaty was rejected by Norway.", {("Norway", O, "treaty")}),
    ("participle-by", "The ceasefire, backed by the United Nations, held overnight.", {("United Nations", S, "ceasefire")}),
    ("viewed-as", "The vote was viewed as unfair by the European Union.", {("European Union", O, "vote")}),
    # --- evaluations ---------------------------------------------------------------------------
    ("evaluative-speaker", "Anna Weiss said the tax was unfair.", {("Anna Weiss", O, "tax")}),
    ("evaluative-noun", "Maria Lopez said the merger was a mistake.", {("Maria Lopez", O, "merger")}),
    ("evaluative-noun-felt", "Paul Greene felt the merger was a disaster.", {("Paul Greene", O, "merger")}),
    ("evaluative-matter-of-concern", 'A spokesman for Oxfam said "cutting the regional subsidies is a matter of concern for travellers."',
     {("Oxfam", O, "cutting the regional subsidies")}),
    ("quote-unnamed-speaker", 'Anna Weiss said the talks would continue.\nA witness said "the plan is a disaster".', set()),
    ("org-name-left-part", "The African Union's Parliamentary Assembly adopted a resolution on fishing quotas.",
     {("Parliamentary Assembly", S, "resolution")}),
    # the entity tagger cuts a long name at "and", or types its last word a person
    ("org-name-cut-at-and", "The Council for Peace and Order rejected the fishing agreement.",
     {("Council for Peace and Order", O, "fishing agreement")}),
    ("org-name-tagger-missed", "The Alliance for Peace and Order rejected the election plan.",
     {("Alliance for Peace and Order", O, "election plan")}),
    # a word the tagger ran into at the edge of a name ("Lionel Talon of", typed ORG)
    ("name-edge-trimmed", "Presidents Ali Kone of Nigeria and Lionel Talon of Benin signed the trade agreement.",
     {("Ali Kone", S, "trade agreement"), ("Lionel Talon", S, "trade agreement")}),
    # a name the tagger left untyped, in apposition with a role
    ("role-apposition-untyped-name", "The mayor of Leeds, Amir Javed, rejected the fishing agreement.",
     {("Amir Javed", O, "fishing agreement")}),
    ("org-name-spelled-out-by-acronym",
     "The Coalition for the Protection of Wild Rivers (CPWR) was founded in 1990.\n"
     "The Coalition for the Protection of Wild Rivers rejected the fishing agreement.",
     {("Coalition for the Protection of Wild Rivers", O, "fishing agreement")}),
    ("acronym-after-opening-word", "However the Coastal Fisheries Board (CFB) rejected the fishing agreement.\n"
     "The CFB later praised the aid deal.",
     {("Coastal Fisheries Board", O, "fishing agreement"), ("Coastal Fisheries Board", S, "aid deal")}),
    ("acronym-name-with-the", "Save the Rivers (STR) was founded in 1990.\nThe STR later praised the aid deal.",
     {("Save the Rivers", S, "aid deal")}),
    # a first name alone names the one person of the article who has it
    ("person-by-first-name", "State senator Dana Whitlock sponsored the rent bill.\nDana rejected the fishing agreement.",
     {("Dana Whitlock", S, "rent bill"), ("Dana Whitlock", O, "fishing agreement")}),
    ("people-sharing-a-surname", "Lena Marsh backed the gun bill.\nHer husband Tom Marsh rejected the fishing agreement.",
     {("Lena Marsh", S, "gun bill"), ("Tom Marsh", O, "fishing agreement")}),
    ("surname-typed-a-place", "Senator Ana Madera backed the rent bill.\nMadera rejected the fishing agreement.",
     {("Ana Madera", S, "rent bill"), ("Ana Madera", O, "fishing agreement")}),
    ("the-president-not-the-vice-president",
     "President Leo Varga spoke on Monday.\nVice President Ana Madera backed the rent bill.\n"
     "The president rejected the fishing agreement.",
     {("Ana Madera", S, "rent bill"), ("Leo Varga", O, "fishing agreement")}),
    ("first-name-two-people-have", "Senator Mark Hale backed the levy.\nMark Dunn opposed the levy.\n"
     "Mark rejected the fishing agreement.",
     {("Mark Hale", S, "levy"), ("Mark Dunn", O, "levy"), ("Mark", O, "fishing agreement")}),
    ("request-any-action", "Marta Rios requested that the two leaders shake hands.", {("Marta Rios", S, "shake hands")}),
    ("request-no-object", "Oxfam urged the leaders to listen to the farmers.", set()),
    ("light-object-aim", "The Green Party urged the council to take steps to end the strike.", {("Green Party", S, "end the strike")}),
    ("light-object-aim-acl", "The Home Office recommends implementing measures to strengthen the courts.", {("Home Office", S, "strengthen the courts")}),
    ("document-content", "The Green Party launched a petition asking the government to cancel the mining licence.",
     {("Green Party", S, "cancel the mining licence")}),
    ("document-content-resolution", "Unite passed a resolution calling on the government to cancel the mining licence.",
     {("Unite", S, "cancel the mining licence")}),
    ("document-content-after-aside", "The Green Party launched a petition which has 9,000 signatures, asking the council to close the incinerator.",
     {("Green Party", S, "close the incinerator")}),
    ("modal-combined-with", "Higher fuel taxes should be combined with lower income taxes, Tom Reyes argued.",
     {("Tom Reyes", S, "Higher fuel taxes"), ("Tom Reyes", S, "lower income taxes")}),
    ("spokesperson-body-modifier", '"We urge all parties to respect the ceasefire," Ana Costa, the OSCE deputy secretary general, said.',
     {("Ana Costa", S, "respect the ceasefire"), ("OSCE", S, "respect the ceasefire")}),
    ("quote-runs-into-next-paragraph", 'Ann Lee told reporters: "The plan to expand the port is a mistake.\n"Farmers need time to adapt."',
     {("Ann Lee", O, "plan to expand the port")}),
    ("generic-short-form-earlier-sentence", 'Greenpeace said the fishing ban was unfair.\nTom Reyes said: "Farmers need fairer subsidies, but this latest move is reckless."',
     {("Greenpeace", O, "fishing ban"), ("Tom Reyes", O, "fishing ban")}),
    ("phrasal-bring-forward", 'Anna Weiss said: "We will bring forward the housing bill next month."', {("Anna Weiss", S, "housing bill")}),
    ("phrasal-rule-out", "Germany ruled out a ground invasion.", {("Germany", O, "ground invasion")}),
    ("phrasal-strike-down", "The Supreme Court struck down the abortion ban.", {("Supreme Court", O, "abortion ban")}),
    ("phrasal-push-through", "Labour pushed through the pension reform.", {("Labour", S, "pension reform")}),
    ("subject-joined-to-i", 'Sunita Rao said: "The finance minister and I are working to bring forward the housing bill."',
     {("Sunita Rao", S, "housing bill")}),
    ("relative-which-on-inner-noun", "Chile condemned the air strike against the rebels, which Peru accused of killing civilians.",
     {("Chile", O, "air strike"), ("Peru", O, "air strike")}),
    ("demand-state", "Sofia Lind urged the parties to remain neutral.", {("Sofia Lind", S, "remain neutral")}),
    ("proposer-comes-from", "Requests for a recount have come from Unite.", {("Unite", S, "Requests for a recount")}),
    ("proposer-short-form-comes-from", "Unite wants a recount.\nDemands for it came from the Green Party too.",
     {("Unite", S, "recount"), ("Green Party", S, "recount")}),
    ("fear-clause", "Unite fears the government will cut the dairy subsidies.", {("Unite", O, "cut the dairy subsidies")}),
    ("worried-that-clause", "The Green Party is worried that the council will scrap the bus subsidy.",
     {("Green Party", O, "scrap the bus subsidy")}),
    ("her-party", "Labour's health spokeswoman Ann Lee said her party has supported the sugar tax for months.",
     {("Ann Lee", S, "sugar tax"), ("Labour", S, "sugar tax")}),
    ("generic-short-form-debated-only", "Norway rejected the fishing pact, citing the strain on its welfare system.\nLater Sweden said it backed the idea.",
     {("Norway", O, "fishing pact"), ("Sweden", S, "fishing pact")}),
    ("generic-named-by-source", 'Tom Reyes said: "Farmers need fairer subsidies, but this latest move from the ministry is reckless."',
     {("Tom Reyes", O, "move from the ministry")}),
    ("realising-verb-is-the-proposal", "Oxfam urged the government to implement the land reform.\nKofi Mensah said the country risks unrest if the land reform is not implemented.",
     {("Oxfam", S, "land reform"), ("Kofi Mensah", S, "land reform")}),
    ("urged-to-back-is-the-urger", "Oxfam urged the ministry to reject the mining bill.", {("Oxfam", O, "mining bill")}),
    ("it-is-the-last-subject", "Greenpeace launched a petition asking the council to respect the ruling of the High Court. It also encouraged its members to call for a referendum.",
     {("Greenpeace", S, "respect the ruling of the High Court"), ("Greenpeace", S, "referendum")}),
    ("joint-statement-authors", 'The ministry welcomed a statement by Chile and Peru on fishing.\nThe statement said: "We reject the trawling ban."',
     {("Chile", O, "trawling ban"), ("Peru", O, "trawling ban")}),
    ("joint-statement-it", 'Chancellor Karl Brandt read a statement by President Ana Costa, and Prime Minister Ivan Petrov.\nThe joint statement said: "The talks will go on." It also set a goal: "We agree to hold talks on the border treaty."',
     {("Ana Costa", S, "hold talks on the border treaty"), ("Ivan Petrov", S, "hold talks on the border treaty")}),
    ("group-led-by", "Three unions led by Unite organised a sit-in at the plant.",
     {("Three unions", S, "sit-in"), ("Unite", S, "sit-in")}),
    ("list-telling-is-no-proposal", "Senator Ann Lee promised to reopen the rail inquiry and to tell Congress about its findings.",
     {("Ann Lee", S, "reopen the rail inquiry")}),
    ("list-capturing-someone-is", "Peter Hall urged the police to capture Omar Diaz and arrest his deputies.",
     {("Peter Hall", S, "capture Omar Diaz"), ("Peter Hall", S, "arrest his deputies")}),
    ("refusal-will-not", "Russia won't send troops to Syria, Vladimir Putin said.", {("Russia", O, "send troops to Syria")}),
    ("refusal-not-an-expectation", "Chile would not expect an early ceasefire, Sofia Lind said.", set()),
    ("threaten-to-block-bid", "Turkey has threatened to block Finland's membership bid.",
     {("Turkey", O, "membership bid"), ("Finland", S, "membership bid")}),
    ("urged-to-ban-non-proposal", "The World Health Organization urged governments to ban flavoured vapes.",
     {("World Health Organization", S, "ban flavoured vapes")}),
    ("dismissed-calls", "Prime Minister Lena Vos dismissed calls for an early election.", {("Lena Vos", O, "early election")}),
    ("decision-to-infinitive-label", "Greenpeace welcomed the decision to close the coal plant.",
     {("Greenpeace", S, "decision to close the coal plant")}),
    ("described-as-noun", 'Labour leader Keir Lowe described the budget as "a betrayal of working people".', {("Keir Lowe", O, "budget")}),
    ("two-state-solution", 'The US State Department said it "strongly supports" the two-state solution.',
     {("US State Department", S, "two-state solution")}),
    ("modal-passive-policy-verb", "The IMF warned that fuel subsidies must be cut further.", {("IMF", S, "cut fuel subsidies")}),
    ("introduced-a-bill", "Senator Ruth Moore introduced a bill on the minimum wage.", {("Ruth Moore", S, "bill on the minimum wage")}),
    ("court-ruled-unlawful", "The Supreme Court ruled that the deportation policy was unlawful.", {("Supreme Court", O, "deportation policy")}),
    ("lobby-for", "The National Farmers Union is lobbying for higher tariffs on imported grain.",
     {("National Farmers Union", S, "higher tariffs on imported grain")}),
    ("backed-away-from", "Norway's government has backed away from its plan to drill in the Arctic.",
     {("Norway's government", O, "plan to drill in the Arctic")}),
    ("them-plural-proposal", 'Sofia Lind said Chile would keep the tariffs on steel.\nPeru called them "counterproductive".',
     {("Peru", O, "tariffs on steel")}),
    ("them-people-not-proposal", "Germany backed the sanctions on Iran. It also welcomed the Afghan refugees and said it supports them.",
     {("Germany", S, "sanctions on Iran")}),
    ("not-convinced-by", 'The Dutch prime minister, Mark Rutte, said he was "not convinced" by the proposal.', {("Mark Rutte", O, "proposal")}),
    ("drew-criticism-from", "The plan has drawn criticism from human rights groups, including Human Rights Watch.",
     {("human rights groups", O, "plan"), ("Human Rights Watch", O, "plan")}),
    ("has-the-backing-of", "The bill has the backing of the Conservative Party.", {("Conservative Party", S, "bill")}),
    ("won-the-support-of", "The proposal won the support of France and Spain.", {("France", S, "proposal"), ("Spain", S, "proposal")}),
    ("willingness-to", "Pakistan has signalled its willingness to resume talks with India.", {("Pakistan", S, "resume talks with India")}),
    ("marched-against", "Teachers' unions in France marched against the pension reform.", {("Teachers' unions", O, "pension reform")}),
    ("rallied-behind", "The Greens rallied behind the climate bill.", {("Greens", S, "climate bill")}),
    ("undecided-not-yet", "Japan has not yet decided whether to join the boycott.", {("Japan", N, "join the boycott")}),
    ("undecided-weighing", "Brazil is weighing whether to back the climate fund.", {("Brazil", N, "back the climate fund")}),
    ("decided-is-not-undecided", "Japan decided on Monday whether to join the boycott.", set()),
    ("silent-on", "Switzerland has stayed silent on the peace proposal.", {("Switzerland", N, "peace proposal")}),
    ("willing-to-inner-cue", "Japan is willing to lift the import ban.", {("Japan", O, "import ban")}),
    ("willing-to-clause", "Japan is willing to resume whaling talks.", {("Japan", S, "resume whaling talks")}),
    ("voted-to-non-proposal", "The Senate voted to ban smoking in cars.", {("Senate", S, "ban smoking in cars")}),
    ("lashed-out-at", "Mexico lashed out at the tariff plan.", {("Mexico", O, "tariff plan")}),
    ("expletive-it", "The Green Party met on Monday. Sofia Lind said it was important to defeat the mining bill.", {("Sofia Lind", O, "mining bill")}),
    # --- lists: each item of a proposal is a target of its own ----------------------------------
    ("list-clauses", "Oxfam urged the ministry to lift the curfew and release the detained students.",
     {("Oxfam", O, "curfew"), ("Oxfam", S, "release the detained students")}),
    ("list-plan-parts", "The Liberal Party has a plan to cut fees, build new homes and take tougher action against tax evaders.",
     {("Liberal Party", S, "plan to cut fees"), ("Liberal Party", S, "build new homes"),
      ("Liberal Party", S, "take tougher action against tax evaders")}),
    ("list-including", "Unite backed a proposal including raising wages and shortening shifts.",
     {("Unite", S, "proposal"), ("Unite", S, "raising wages")}),
    ("list-priorities", "Senator Ann Lee outlined her aims, which included holding a referendum, cutting taxes and reforming the police.",
     {("Ann Lee", S, "holding a referendum"), ("Ann Lee", S, "cutting taxes"), ("Ann Lee", S, "reforming the police")}),
    ("list-holders", "Brazil, Peru and Chile provided financial support for the operation.",
     {("Brazil", S, "operation"), ("Peru", S, "operation"), ("Chile", S, "operation")}),
    ("list-included-after-aside", "Peter Hall outlined his goals for the region once the floods recede, which included holding a census, repairing the dams, and putting the governor on trial.",
     {("Peter Hall", S, "holding a census"), ("Peter Hall", S, "repairing the dams"), ("Peter Hall", S, "putting the governor on trial")}),
    ("list-holders-absolute", "With Peru, Chile, and the United Kingdom giving financial support to the operation, the troops landed at dawn.",
     {("Peru", S, "operation"), ("Chile", S, "operation"), ("United Kingdom", S, "operation")}),
    ("list-not-a-stance-item", "Chile agreed to hold talks and make every effort to sign a treaty.",
     {("Chile", S, "hold talks"), ("Chile", S, "sign a treaty")}),
    ("member-speaks-for-body", '"Labour has a plan to cut fees and get agreements in place," said Labour\'s finance spokeswoman Ann Lee.',
     {("Labour", S, "plan to cut fees"), ("Labour", S, "get agreements in place"),
      ("Ann Lee", S, "plan to cut fees"), ("Ann Lee", S, "get agreements in place")}),
    ("come-out-against", "Mayor Tom Hart came out against the plan to close the library.",
     {("Tom Hart", O, "plan to close the library")}),
    ("green-light-dative", "The Senate Finance Committee gave the green light to the merger on Tuesday.",
     {("Senate Finance Committee", S, "merger")}),
    ("go-ahead", "The European Commission gave the go-ahead for the merger of the two airlines.",
     {("European Commission", S, "merger of the two airlines")}),
    ("relative-object", "The carbon tax, which the Green Party opposes, takes effect in May.",
     {("Green Party", O, "carbon tax")}),
    ("received-opposition", "The pension reform faced opposition from the Green Party.",
     {("Green Party", O, "pension reform")}),
    ("received-praise", "The plan to close the library won praise from Mayor Tom Hart.",
     {("Tom Hart", S, "plan to close the library")}),
    ("received-by-a-person", "Senator Maria Lopez faced opposition from her own party.", set()),
    ("generic-plan", "The European Commission proposed a cap on gas prices on Tuesday. Germany rejected the plan on Wednesday.",
     {("European Commission", S, "cap on gas prices"), ("Germany", O, "cap on gas prices")}),
    ("proposal-noun-postponement", "Senator Ana Ruiz opposed the postponement of the election.",
     {("Ana Ruiz", O, "postponement of the election")}),
    ("proposal-noun-renewal", "The Greens called for the renewal of the peacekeeping mandate.",
     {("Greens", S, "renewal of the peacekeeping mandate")}),
    ("proposal-noun-pipeline", "Chancellor Olaf Scholz is a strong supporter of the pipeline.",
     {("Olaf Scholz", S, "pipeline")}),
    ("among-the-members", "France is among the countries pressing for a ceasefire in Gaza.", {("France", S, "ceasefire")}),
    ("one-of-the-members", "Senator Maria Lopez is one of the senators who oppose the bill.", {("Maria Lopez", O, "bill")}),
    ("asked-is-asked", "Donald Trump, when asked to condemn the Proud Boys, told them to stand by.", set()),
    ("lobby-against", "The farmers' union is lobbying against the free trade agreement.",
     {("farmers' union", O, "free trade agreement")}),
    ("veto-lifted", "The Greek government lifted its veto on the accession talks.",
     {("Greek government", S, "accession talks")}),
    ("opposition-dropped", "Hungary dropped its opposition to the enlargement of the alliance.",
     {("Hungary", S, "enlargement of the alliance")}),
    ("protest-lodged", "Beijing has lodged a formal protest over the arms sale to Taiwan.",
     {("Beijing", O, "arms sale to Taiwan")}),
    ("strike-threatened", "The CGT union threatened a general strike over the pension reform.",
     {("CGT union", O, "pension reform")}),
    ("complaint-filed", "The Green Party has filed a complaint against the mining licence.",
     {("Green Party", O, "mining licence")}),
    ("campaign-against-led", "Senator Ann Cole led the campaign against the stadium subsidy.",
     {("Ann Cole", O, "stadium subsidy")}),
    ("strike-banned", "The police banned the strike over the pension reform.", set()),
    ("quantified-group-not-its-body", "Some EU states oppose the price cap.", set()),
    ("not-hesitate", "Germany did not hesitate to back the plan.", {("Germany", S, "plan")}),
    ("rejected-criticism", "Finance Minister Jon Berg rejected criticism of the pension reform.",
     {("Jon Berg", S, "pension reform")}),
    ("dismissed-objections", "The Kremlin dismissed objections to the peace plan.", {("Kremlin", S, "peace plan")}),
    ("balk-at", "The Netherlands balked at the plan for joint borrowing.",
     {("Netherlands", O, "plan for joint borrowing")}),
    ("illegal", "The foreign ministry said the sanctions were illegal.", {("foreign ministry", O, "sanctions")}),
    ("blessing-to", "Pope Leo gave his blessing to the peace plan.", {("Pope Leo", S, "peace plan")}),
    ("pledge-to-donate", "Denmark has pledged to donate its artillery stock to Ukraine.",
     {("Denmark", S, "donate its artillery stock to Ukraine")}),
    ("came-from-and-from", "Criticism of the levy came from the Greens and from Senator Ruth Avila.",
     {("Greens", O, "levy"), ("Ruth Avila", O, "levy")}),
    ("came-from-including", "Support for the toll plan came from several quarters, including the Chamber of Commerce "
     "and Mayor Tom Udall.", {("Chamber of Commerce", S, "toll plan"), ("Tom Udall", S, "toll plan")}),
    ("calls-inf-came-from", "Calls to lift the fishing ban came from Senator Ruth Avila.",
     {("Ruth Avila", S, "lift the fishing ban")}),
    ("calls-inf-passive-came-from", "Calls for the fuel tax to be scrapped came from Senator Ruth Avila.",
     {("Ruth Avila", S, "scrap the fuel tax")}),
    ("any-deal-is-no-antecedent", "Egypt put forward a ceasefire proposal on Monday. Prime Minister David Levin "
     "rejected any deal that left Hamas in power. Senator Ruth Avila urged both sides to accept the plan.",
     {("Egypt", S, "ceasefire proposal"), ("David Levin", O, "deal"), ("Ruth Avila", S, "ceasefire proposal")}),
    ("with-x-abstaining", "The Security Council adopted the truce resolution, with Russia and China abstaining.",
     {("Security Council", S, "truce resolution"), ("Russia", N, "truce resolution"), ("China", N, "truce resolution")}),
    ("with-x-voting-against-on-the-object", "The regional assembly approved the fishing quota bill, with the Green "
     "Party voting against.", {("regional assembly", S, "fishing quota bill"), ("Green Party", O, "fishing quota bill")}),
    ("mind-not-made-up", "The Senate will vote on the pension bill next week. Senator Carla Mendes said she had not "
     "made up her mind.", {("Carla Mendes", N, "pension bill")}),
    # a stance put on a condition: for what "only if", "as long as" or "provided that" asks, against what a
    # threat is made on
    ("only-if-demand", "The dockers' union said it would accept the pay offer only if the port authority dropped "
     "the pension cuts.", {("dockers' union", S, "pay offer"), ("dockers' union", S, "drop the pension cuts")}),
    ("as-long-as-demand", "The Labour Party said it would back the treaty as long as the government held a referendum.",
     {("Labour Party", S, "treaty"), ("Labour Party", S, "hold a referendum")}),
    ("provided-that-demand", "Mayor Tom Hale said he would sign the ordinance provided that the council scrapped the "
     "parking fees.", {("Tom Hale", S, "ordinance"), ("Tom Hale", S, "scrap the parking fees")}),
    ("threat-if", "The dockers' union threatened a national strike if the port was privatised.",
     {("dockers' union", O, "privatise the port")}),
    ("threat-call-strike-if", "The miners' federation warned it would call a general strike if the fuel subsidy were "
     "abolished.", {("miners' federation", O, "abolish the fuel subsidy"),
                    ("miners' federation", S, "general strike")}),
    ("threat-sue-if", "The truckers' association said it would sue the city if the congestion charge was introduced.",
     {("truckers' association", O, "introduce the congestion charge")}),
    ("plain-if-is-no-condition", "The dockers' union said it would sign the deal if the board approved it.",
     {("dockers' union", S, "deal")}),
    ("no-threat-if", "The Farmers' Union said it would not block the motorway if the government dropped the fuel tax.",
     set()),
    # what a verb proposes is a proposal; a participle after it says what the act led to
    ("participle-after-comma-is-no-item", "Senator Ana Ruiz proposed raising the fuel tax, setting up a clash with "
     "the unions.", {("Ana Ruiz", S, "raising the fuel tax")}),
    ("proposed-clause-too-long", "Senator Ana Ruiz proposed raising the country's fuel tax to 30 cents a litre of "
     "petrol by 2030 from 20 cents now.", {("Ana Ruiz", S, "raising the country's fuel tax")}),
    # judgements VADER does not list, as adjective cues
    ("judged-draconian", "Finance Minister Jon Berg said the fuel levy was draconian.", {("Jon Berg", O, "fuel levy")}),
    ("called-disproportionate", 'Senator Ana Ruiz called the curfew "completely disproportionate."',
     {("Ana Ruiz", O, "curfew")}),
    ("judged-hasty", "Mayor Tom Hale said the parking ban was hasty.", {("Tom Hale", O, "parking ban")}),
    ("judged-a-giveaway", "Senator Ana Ruiz said the tax cut was a giveaway.", {("Ana Ruiz", O, "tax cut")}),
    # a person's plan is theirs: what they put forward, or a plan of its own, never the last proposal talked about
    ("persons-plan-is-theirs", "The Green Party backed the fuel levy. Senator Tom Reyes said Biden's plan was a "
     "mistake.", {("Green Party", S, "fuel levy"), ("Biden", S, "Biden's plan"), ("Tom Reyes", O, "Biden's plan")}),
    ("persons-plan-is-what-they-proposed", "Senator Ana Ruiz proposed a ban on menthol cigarettes. Governor Tom Reyes "
     "said the fuel levy was wrong and Ruiz's plan was a mistake.",
     {("Ana Ruiz", S, "ban on menthol cigarettes"), ("Tom Reyes", O, "fuel levy"),
      ("Tom Reyes", O, "ban on menthol cigarettes")}),
    # a description in apposition to a name is the named body, not an actor of its own
    ("appositive-describes-named-body", "The Central Obrera Boliviana, the country's powerful union federation, "
     "warned it would call a general strike.", {("Central Obrera Boliviana", S, "general strike")}),
    ("appositive-of-untyped-name", "GoTo, Indonesia's biggest technology company, said it would study the "
     "regulation.", {("GoTo", N, "regulation")}),
    ("appositive-of-split-name", "Nippon Ishin no Kai, the conservative opposition party, said it would back the "
     "amendment.", {("Nippon Ishin no Kai", S, "amendment")}),
    # what is to be done to a proposal, said after it: "for sanctions to be lifted", "wants the curfew lifted"
    ("call-for-passive-infinitive-on-the-verb", "Senator Ruth Avila called for sanctions on Iran to be lifted.",
     {("Ruth Avila", S, "lift sanctions on Iran")}),
    ("call-for-passive-infinitive-happening", "Senator Ruth Avila called for a referendum on independence to be "
     "held by 2027.", {("Ruth Avila", S, "referendum on independence")}),
    ("wants-it-done", "Senator Ruth Avila wants the curfew lifted.", {("Ruth Avila", S, "lift the curfew")}),
    ("call-for-it-to-be-held", "Senator Ruth Avila called for new elections to be held.",
     {("Ruth Avila", S, "elections")}),
    ("a-great-deal-is-no-deal", "The Commission signed a trade deal with Chile. Senator Ruth Avila said farmers "
     "stood to gain a great deal, and she backed the deal.", {("Commission", S, "trade deal"),
                                                              ("Ruth Avila", S, "trade deal")}),
    ("that-offer-is-the-plan-just-floated", "Senator Tom Reyes floated a narrower wage plan. Senator Marisol "
     "Quintanilla dismissed that offer as a pay cut.", {("Marisol Quintanilla", O, "narrower wage plan")}),
    # being for looking a proposal over takes no side on it
    ("open-to-discussing", "The Green Party said it was open to discussing the fuel levy.",
     {("Green Party", N, "fuel levy")}),
    ("willing-to-consider", "The Green Party is willing to consider the fuel levy.", {("Green Party", N, "fuel levy")}),
    ("open-to-it", "The Green Party is open to the fuel levy.", {("Green Party", S, "fuel levy")}),
    ("urged-to-examine-is-no-neutral", "The Green Party urged the Commission to examine the fuel levy.",
     {("Green Party", S, "examine the fuel levy")}),
    ("appositive-of-plural-possessive-name", "But the Supporters' Club, the largest fan organisation, said it would "
     "campaign against the sale.", {("Supporters' Club", O, "sale")}),
    ("state-of-emergency-backed", "Senator Ruth Ames backed the state of emergency.",
     {("Ruth Ames", S, "state of emergency")}),
    ("national-state-of-emergency-condemned", "The opposition leader, Tom Ruiz, condemned the national state of "
     "emergency.", {("Tom Ruiz", O, "national state of emergency")}),
    ("declared-small-clause", "Labour Minister Ruth Ames declared the strike illegal.",
     {("Ruth Ames", O, "strike")}),
    ("considers-small-clause-adjective", "Senator Ruth Ames considers the bill dangerous.",
     {("Ruth Ames", O, "bill")}),
    ("considers-small-clause-noun", "Senator Ruth Ames considers the plan a betrayal of voters.",
     {("Ruth Ames", O, "plan")}),
    ("considered-small-clause-acceptable", "Mayor Tom Ruiz said he considered the deal acceptable.",
     {("Tom Ruiz", S, "deal")}),
    ("while-x-abstained", "The assembly passed the truce resolution on Friday, while Brazil abstained.",
     {("Brazil", N, "truce resolution")}),
    ("with-x-voting-against", "The rent bill passed 52-48, with Senator Ruth Avila voting against.",
     {("Ruth Avila", O, "rent bill")}),
    ("veto-as-target", "Russia vetoed the truce resolution. Britain called the veto a disgrace.",
     {("Russia", O, "truce resolution"), ("United Kingdom", O, "veto")}),
    ("vote-in-next-sentence", "The Commission proposed a fishing quota on Monday. Denmark voted against, while "
     "France and Italy were in favour. Spain abstained.",
     {("Commission", S, "fishing quota"), ("Denmark", O, "fishing quota"), ("France", S, "fishing quota"),
      ("Italy", S, "fishing quota"), ("Spain", N, "fishing quota")}),
    ("spokesperson-title-before-name", "Lufthansa spokeswoman Anna Berg criticised the pilots' strike.",
     {("Lufthansa", O, "strike"), ("Anna Berg", O, "strike")}),
    ("adjective-inadequate", "Minister Jo Kent said the pay offer was inadequate.", {("Jo Kent", O, "pay offer")}),
    ("adjective-welcome", "Mayor Ann Lee said the ceasefire deal was welcome.", {("Ann Lee", S, "ceasefire deal")}),
    ("adjective-discriminatory", "Senator Ruth Avila said the new voting law was discriminatory.",
     {("Ruth Avila", O, "voting law")}),
    ("undecided-how-to-vote", "The Commission proposed a fishing quota on Monday. Denmark has not yet decided how "
     "it will vote.", {("Commission", S, "fishing quota"), ("Denmark", N, "fishing quota")}),
    ("undecided-before-deciding", "The Commission proposed a fishing quota on Monday. The Greens said they would "
     "study the details before deciding how to vote.",
     {("Commission", S, "fishing quota"), ("Greens", N, "fishing quota")}),
    ("undecided-predicate", "The Commission proposed a fishing quota on Monday. Senator Ruth Avila said she was "
     "undecided.", {("Commission", S, "fishing quota"), ("Ruth Avila", N, "fishing quota")}),
    ("deemed-feeling", "Senator Ann Lee called the minimum wage bill a job killer.",
     {("Ann Lee", O, "minimum wage bill")}),
    ("deemed-feeling-as", "Russia agreed to the output cut. Minister Pavel Lazarev described the cut as a responsible "
     "step.", {("Russia", S, "output cut"), ("Pavel Lazarev", S, "output cut")}),
    ("role-apposition-typed-a-place", "The head of the trust, Moses Adeyemi, rejected the plan.",
     {("Moses Adeyemi", O, "plan")}),
    ("deliberating-future", "The ministry proposed a drone registration scheme. The Pilots Guild said it would "
     "study the scheme.", {("Pilots Guild", N, "drone registration scheme")}),
    ("deliberating-still", "Norway was still reviewing the salmon tax.", {("Norway", N, "salmon tax")}),
    ("deliberating-look-at", "The council unveiled a parking plan. Councillor Tom Reyes said he would look at the "
     "plan.", {("Tom Reyes", N, "parking plan")}),
    ("deliberating-details-of", "The Senate passed a water bill. Governor Ana Ruiz said she would study the details "
     "of the bill.", {("Senate", S, "water bill"), ("Ana Ruiz", N, "water bill")}),
    ("deliberating-before-deciding", "The government unveiled a fuel subsidy cut. The Farmers Union said it would "
     "study the cut before deciding how to respond.", {("Farmers Union", N, "fuel subsidy cut")}),
    ("endorse-before-pending", "The mayor proposed a congestion tax. The Green Party said it would wait for the audit "
     "before endorsing the tax.", {("Green Party", N, "congestion tax")}),
    ("draft-short-form", "Britain proposed a draft resolution on Sudan. Russia rejected the draft.",
     {("United Kingdom", S, "draft resolution"), ("Russia", O, "draft resolution")}),
    ("draft-of-proposal", "The government proposed a press charter. Minister Maria Miller welcomed the final draft "
     "of the charter.", {("Maria Miller", S, "press charter")}),
    ("judged-feeling", "The council approved a parking levy. Mayor Ann Cole said the levy was generous.",
     {("Ann Cole", S, "parking levy")}),
    ("judged-feeling-negated", "The council approved a parking levy. Mayor Ann Cole said the levy was not fair.",
     {("Ann Cole", O, "parking levy")}),
    ("judged-feeling-but", "The union signed a wage deal with the airline. Union leader Rosa Kahn said the wage deal "
     "was painful but fair.", {("Rosa Kahn", S, "wage deal")}),
    ("noun-swap", "Hamas accepted the prisoner swap.", {("Hamas", S, "prisoner swap")}),
    ("noun-walkout", "Lufthansa condemned the walkout.", {("Lufthansa", O, "walkout")}),
    ("noun-clause", "Komeito rejected the emergency clause.", {("Komeito", O, "emergency clause")}),
    ("called-action", "The dockers' union called a strike at the port.", {("dockers' union", S, "strike")}),
    ("called-action-named-it", "Lufthansa called the strike reckless.", {("Lufthansa", O, "strike")}),
    ("spokesperson-for-the-country", "Pedro Alves, a spokesman for the energy ministry, said the country was still "
     "reviewing the fuel levy.", {("energy ministry", N, "fuel levy"), ("Pedro Alves", N, "fuel levy")}),
    ("his-government-unnamed", "Trade Minister Ola Berg said his government would examine the tariff plan before "
     "deciding.",
     {("Ola Berg", N, "tariff plan")}),
    # --- no stance ------------------------------------------------------------------------------
    ("position-to-be-announced", "Senator Ana Ruiz said she would announce her position on the rent bill next week.",
     set()),
    ("views-made-known", "The Greek government made its views on the bailout known on Monday.", set()),
    ("still-required", "Greece and Libya signed a migration agreement. The agreement must still be ratified by the "
     "Greek parliament.", {("Greece", S, "migration agreement"), ("Libya", S, "migration agreement")}),
    ("until-clause", "Senator Ann Lee said she would not approve the arms sale until the parliament ratifies the "
     "treaty.", {("Ann Lee", O, "arms sale")}),
    ("called-action-off", "The Transport Workers Union called off the strike.", set()),
    ("judged-pronoun", "The council approved a parking levy. Mayor Ann Cole said it was fair.", set()),
    ("deliberated-past", "The committee examined the harbour plan on Monday.", set()),
    ("deliberating-refused", "The port authority unveiled a dredging plan. The Fishermen's League said it would not "
     "consider the plan.", {("port authority", S, "dredging plan")}),
    ("undecided-voters", "Many voters remain undecided ahead of the election.", set()),
    ("deemed-no-feeling", "Senator Ann Lee called the minimum wage bill a compromise.", set()),
    ("deemed-pronoun", "The Senate passed the minimum wage bill. Senator Ann Lee called it a mess.",
     {("Senate", S, "minimum wage bill")}),
    ("knows-how-to-vote", "The Commission proposed a fishing quota on Monday. Senator Ruth Avila said she knew how "
     "she would vote.", {("Commission", S, "fishing quota")}),
    ("person-not-proposal", "Germany criticised Viktor Horn.", set()),
    ("vote-with-an-aim", "Torontonians will head to the polls to vote for their councillor.", set()),
    ("no-cue", "The delegates discussed the budget in Vienna.", set()),
    ("vague-group", "The ministers of each country rejected the tariff.", set()),
    ("named-group", "The leaders at the summit approved the declaration.", {("leaders at the summit", S, "declaration")}),
    ("report-action", "Police arrested three men on Monday.", set()),
]


@pytest.fixture(scope="module")
def extract(extractor):
    def run(text: str) -> set[tuple[str, str, str]]:
        paras, pos = [], 0
        for line in text.split("\n"):
            paras.append(Paragraph(pos, line))
            pos += len(line) + 1
        result = extractor.extract_one(Article(id="t", text=text, paragraphs=tuple(paras)))
        label = {k: e.label for k, e in result.entities.items()}
        return {(label[s.holder], s.polarity, label[s.target]) for s in result.stances}

    return run


def test_the_table_is_large_and_covers_every_polarity():
    assert len(CASES) >= 80
    assert len({case[0] for case in CASES}) == len(CASES)
    polarities = {p for _, _, expected in CASES for _, p, _ in expected}
    assert polarities == {S, O, N}


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_sentence(extract, name, text, expected):
    assert extract(text) == expected
