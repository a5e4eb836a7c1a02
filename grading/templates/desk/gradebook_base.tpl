{%- extends 'nbgrader/gradebook_base.tpl' -%}
{#- Red School: no Manage Students on a review desk. -#}
{%- block sidebar -%}
<li role="presentation"><a href="{{ base_url }}/formgrader/manage_assignments">Manage Assignments</a></li>
<li role="presentation" class="active"><a href="{{ base_url }}/formgrader/gradebook">Manual Grading</a></li>
{%- endblock -%}
