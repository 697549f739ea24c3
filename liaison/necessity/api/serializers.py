"""The ranking as the API answers it (these serializers describe it in the schema) and saved
analyses: read, and created from the same parameters as the page."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from liaison.necessity.models import SavedAnalysis
from liaison.necessity.selectors import ranking_for, ranking_without_figures


class WeightsSerializer(serializers.Serializer[Any]):
    volume = serializers.FloatField()
    seriousness = serializers.FloatField()
    operations = serializers.FloatField()
    structural = serializers.FloatField()
    other_crime = serializers.FloatField()
    min_exchanges = serializers.IntegerField()
    structural_min = serializers.IntegerField()
    agreement_score = serializers.FloatField()


class ParametersSerializer(serializers.Serializer[Any]):
    as_of = serializers.DateField()
    window = serializers.IntegerField(help_text="Years up to `as_of`.")
    include_demo = serializers.BooleanField()
    weights = WeightsSerializer()
    compare_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The day the strategy comparison is computed as of; null: its adoption.",
    )


class ComponentsSerializer(serializers.Serializer[Any]):
    volume = serializers.FloatField()
    seriousness = serializers.FloatField()
    operations = serializers.FloatField()
    structural = serializers.FloatField(help_text="Transfers without a basis.")


class FactsSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    exchanges = serializers.IntegerField()
    exchanges_first_half = serializers.IntegerField()
    exchanges_second_half = serializers.IntegerField()
    priority_cases = serializers.IntegerField()
    other_cases = serializers.IntegerField()
    jits = serializers.IntegerField()
    action_days = serializers.IntegerField()
    derogations = serializers.IntegerField(help_text="Sent under Art. 59.")
    self_assessments = serializers.IntegerField(help_text="Sent under Art. 58(1)(b).")
    refusals = serializers.IntegerField(help_text="Refused for lack of a basis.")
    without_basis = serializers.IntegerField()
    transfers_with_basis = serializers.IntegerField(
        help_text="Sent under an agreement or another basis."
    )
    agreement = serializers.CharField(help_text="The basis in force, if any.")
    basis_is_agreement = serializers.BooleanField()
    working_arrangement = serializers.CharField()
    agreement_under_way = serializers.CharField(
        required=False, help_text="An agreement negotiated, signed or provisionally applied."
    )


class LinksSerializer(serializers.Serializer[Any]):
    cases = serializers.CharField()
    exchanges = serializers.CharField()


FIGURES = "Only for those who may read cases (not the viewer)."


# What every row naming a partner of the ranking says; each row adds its own fields and may
# narrow one of these by a field of the same name. (A comment, not a docstring: the schema
# would take a docstring as the description of each row.)
class RankedPartnerSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(required=False, help_text=FIGURES)
    recommendation = serializers.CharField()
    recommendation_text = serializers.CharField()


class PartnerRowSerializer(RankedPartnerSerializer):
    recommendation = serializers.ChoiceField(
        choices=[
            "seek_agreement",
            "seek_working_arrangement",
            "current_agreement_suffices",
            "current_instruments_suffice",
            "not_enough_evidence",
            "conclude_agreement",
        ]
    )
    components = ComponentsSerializer(required=False, help_text=FIGURES)
    evidence = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=FIGURES
    )
    facts = FactsSerializer(required=False, help_text=FIGURES)
    links = LinksSerializer(
        required=False, help_text="Only for those who may read cases: the API lists behind it."
    )


class CycleSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    in_force = serializers.BooleanField()
    crime_areas = serializers.ListField(child=serializers.CharField())
    unverified = serializers.BooleanField()


class NamedPartnerSerializer(RankedPartnerSerializer):
    key_action = serializers.CharField()
    expects = serializers.ChoiceField(choices=["agreement", "working_arrangement"])
    supported = serializers.BooleanField()
    rank_at_adoption = serializers.IntegerField(
        allow_null=True, help_text="The rank on the strategy's `compared_on` day."
    )
    score_at_adoption = serializers.FloatField(
        required=False, help_text=f"On the `compared_on` day. {FIGURES}"
    )
    movement = serializers.CharField()


class NotNamedPartnerSerializer(RankedPartnerSerializer):
    rank = serializers.IntegerField()
    rank_at_adoption = serializers.IntegerField(allow_null=True)


class StrategyComparisonSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    adopted_on = serializers.DateField()
    # Not required: an analysis saved before the day could be chosen has neither key.
    compared_on = serializers.DateField(
        required=False,
        help_text="The day `rank_at_adoption` and `score_at_adoption` are of: the adoption, "
        "or the `compare_on` chosen (the keys keep their names for existing clients).",
    )
    compared_on_adoption = serializers.BooleanField(
        required=False, help_text="False when another day than the adoption was chosen."
    )
    named = NamedPartnerSerializer(many=True)
    supported = serializers.ListField(child=serializers.CharField())
    not_named = NotNamedPartnerSerializer(many=True)


class NecessityRankingSerializer(serializers.Serializer[Any]):
    parameters = ParametersSerializer()
    start = serializers.DateField()
    end = serializers.DateField()
    middle = serializers.DateField()
    demo_present = serializers.BooleanField()
    figures_withheld = serializers.BooleanField(
        required=False, help_text="True for the viewer: ranks and recommendations only."
    )
    cycle = CycleSerializer(allow_null=True)
    ranked = PartnerRowSerializer(many=True)
    thin = PartnerRowSerializer(many=True, help_text="Not enough evidence: listed, not ranked.")
    without_activity = serializers.IntegerField()
    strategy = StrategyComparisonSerializer(allow_null=True)


class SavedAnalysisSerializer(serializers.ModelSerializer[SavedAnalysis]):
    result = NecessityRankingSerializer(read_only=True)
    parameters = ParametersSerializer(read_only=True)

    class Meta:
        model = SavedAnalysis
        fields = ["id", "saved_at", "author_username", "title", "as_of", "parameters", "result"]
        read_only_fields = fields

    def to_representation(self, instance: SavedAnalysis) -> Any:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None:
            data["result"] = ranking_for(request.user, data["result"])
        else:
            data["result"] = ranking_without_figures(data["result"])
        return data


class SavedAnalysisCreateSerializer(serializers.Serializer[Any]):
    """The ranking's parameters (all optional, the documented defaults otherwise) and a title."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    as_of = serializers.DateField(required=False)
    window = serializers.IntegerField(required=False, min_value=1, max_value=10)
    include_demo = serializers.BooleanField(required=False)
    compare_on = serializers.DateField(required=False)
    volume = serializers.FloatField(required=False, min_value=0, max_value=1000)
    seriousness = serializers.FloatField(required=False, min_value=0, max_value=1000)
    operations = serializers.FloatField(required=False, min_value=0, max_value=1000)
    structural = serializers.FloatField(required=False, min_value=0, max_value=1000)
    other_crime = serializers.FloatField(required=False, min_value=0, max_value=1000)
    min_exchanges = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000)
    structural_min = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000)
    agreement_score = serializers.FloatField(required=False, min_value=0, max_value=1000)
